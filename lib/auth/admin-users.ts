import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Database, Executor } from "@/db/database";
import { env } from "@/lib/env";
import { emailIdentity } from "@/lib/identity/email-identity";
import { isConfiguredAdmin } from "./admin-access";

export interface AdminListEntry {
  email: string;
  /** "config": listed in ADMIN_EMAILS (cannot be removed here); "promoted": by an admin. */
  source: "config" | "promoted";
  /** False until the address has used a sign-in link. */
  hasSignedIn: boolean;
}

/** Everyone who may use the admin, configured ones first. */
export async function listAdmins(db: Database, adminEmails: readonly string[] = env().ADMIN_EMAILS): Promise<AdminListEntry[]> {
  const rows = await db.select({ email: users.email, isAdmin: users.isAdmin, emailVerified: users.emailVerified }).from(users).orderBy(asc(users.email));
  const signedIn = new Set(rows.filter((row) => row.emailVerified && row.email).map((row) => row.email!));
  const configured: AdminListEntry[] = [...adminEmails].sort().map((email) => ({ email, source: "config", hasSignedIn: signedIn.has(email) }));
  const promoted: AdminListEntry[] = rows
    .filter((row): row is typeof row & { email: string } => row.isAdmin && !!row.email && !isConfiguredAdmin(row.email, adminEmails))
    .map((row) => ({ email: row.email, source: "promoted", hasSignedIn: !!row.emailVerified }));
  return [...configured, ...promoted];
}

/**
 * Lets `email` sign in to the admin. The address need not have signed in before: a users row
 * is created for it (Auth.js finds it by email on their first sign-in).
 */
export async function promoteAdmin(db: Database, email: string): Promise<void> {
  const address = emailIdentity(email);
  await db
    .insert(users)
    .values({ email: address, isAdmin: true })
    .onConflictDoUpdate({ target: users.email, set: { isAdmin: true } });
}

export type DemoteResult = "demoted" | "not-admin" | "configured" | "self";

/**
 * Takes admin rights away. Their sessions stay valid but grant nothing (every admin check
 * reads is_admin afresh). ADMIN_EMAILS addresses are admins by configuration and cannot be
 * demoted here; nobody removes their own access (so the last admin cannot lock everyone out).
 */
export async function demoteAdmin(
  db: Database,
  email: string,
  actingAdminEmail: string,
  adminEmails: readonly string[] = env().ADMIN_EMAILS,
): Promise<DemoteResult> {
  const address = emailIdentity(email);
  if (isConfiguredAdmin(address, adminEmails)) return "configured";
  if (address === emailIdentity(actingAdminEmail)) return "self";
  const updated = await db
    .update(users)
    .set({ isAdmin: false })
    .where(and(eq(users.email, address), eq(users.isAdmin, true)))
    .returning({ id: users.id });
  return updated.length > 0 ? "demoted" : "not-admin";
}

/** Every admin's address (ADMIN_EMAILS and promoted ones), each once: who staff notifications go to. */
export async function adminEmailAddresses(executor: Executor, adminEmails: readonly string[] = env().ADMIN_EMAILS): Promise<string[]> {
  const promoted = await executor.select({ email: users.email }).from(users).where(eq(users.isAdmin, true));
  const addresses = [...adminEmails, ...promoted.map((row) => row.email).filter((email): email is string => !!email)].map(emailIdentity);
  return [...new Set(addresses)].sort();
}
