import "server-only";
import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Database, Executor } from "@/db/database";
import { recordAuditEvent, staffActor } from "@/lib/audit/record-audit-event";
import { env } from "@/lib/env";
import { emailIdentity } from "@/lib/identity/email-identity";
import { isConfiguredAdmin } from "./admin-access";
import type { StaffRole } from "./admin-roles";

export interface StaffListEntry {
  email: string;
  role: StaffRole;
  /** "config": listed in ADMIN_EMAILS (an owner; cannot be changed here); "assigned": by an owner. */
  source: "config" | "assigned";
  /** False until the address has used a sign-in link. */
  hasSignedIn: boolean;
}

/** Everyone who may use the admin, configured owners first, then by address. */
export async function listStaff(db: Database, adminEmails: readonly string[] = env().ADMIN_EMAILS): Promise<StaffListEntry[]> {
  const rows = await db.select({ email: users.email, role: users.role, emailVerified: users.emailVerified }).from(users).orderBy(asc(users.email));
  const signedIn = new Set(rows.filter((row) => row.emailVerified && row.email).map((row) => row.email!));
  const configured: StaffListEntry[] = [...new Set(adminEmails.map(emailIdentity))]
    .sort()
    .map((email) => ({ email, role: "owner", source: "config", hasSignedIn: signedIn.has(email) }));
  const assigned: StaffListEntry[] = rows
    .filter((row): row is typeof row & { email: string; role: StaffRole } => !!row.role && !!row.email && !isConfiguredAdmin(row.email, adminEmails))
    .map((row) => ({ email: row.email, role: row.role, source: "assigned", hasSignedIn: !!row.emailVerified }));
  return [...configured, ...assigned];
}

export type StaffChangeResult = "set" | "unchanged" | "removed" | "not-staff" | "configured" | "self" | "last-owner";

/** Who is acting: a signed-in owner. */
export interface StaffChanger {
  id: string;
  email: string;
}

// One lock for every change of roles: two owners demoting each other at once are taken in turn,
// so the second sees the first's change and is refused as the last owner.
const STAFF_ROLES_LOCK = sql`select pg_advisory_xact_lock(hashtext('lantern:staff-roles'))`;

async function ownersBesides(tx: Executor, address: string, adminEmails: readonly string[]): Promise<number> {
  const configured = new Set(adminEmails.map(emailIdentity));
  configured.delete(address);
  const stored = await tx
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.role, "owner"), isNotNull(users.email)));
  const others = stored.filter((row) => row.email !== address && !configured.has(row.email!));
  return configured.size + others.length;
}

/**
 * Gives `email` a role (`null`: takes their access away), as `actor`, with its audit row, in one
 * transaction. The address need not have signed in before: a users row is made for it (Auth.js
 * finds it by email on their first sign-in). Refused: an ADMIN_EMAILS address (owners by
 * configuration), the actor's own role (ask another owner), and anything that would leave no
 * owner (checked under a lock, so it holds when two owners act at once).
 */
export async function setStaffRole(
  db: Database,
  actor: StaffChanger,
  email: string,
  role: StaffRole | null,
  adminEmails: readonly string[] = env().ADMIN_EMAILS,
): Promise<StaffChangeResult> {
  const address = emailIdentity(email);
  if (isConfiguredAdmin(address, adminEmails)) return "configured";
  if (address === emailIdentity(actor.email)) return "self";
  return db.transaction(async (tx) => {
    await tx.execute(STAFF_ROLES_LOCK);
    const [current] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.email, address)).for("update");
    const before = current?.role ?? null;
    if (before === role) return role === null ? "not-staff" : "unchanged";
    if (before === "owner" && (await ownersBesides(tx, address, adminEmails)) === 0) return "last-owner";
    let id = current?.id;
    if (id) await tx.update(users).set({ role }).where(eq(users.id, id));
    else id = (await tx.insert(users).values({ email: address, role }).returning({ id: users.id }))[0]!.id;
    await recordAuditEvent(tx, staffActor(actor), {
      kind: role === null ? "staff.removed" : "staff.role-set",
      object: { type: "staff", id, label: address },
      before: { role: before },
      after: { role },
    });
    return role === null ? "removed" : "set";
  });
}

/** Every address told about disputes and failed refunds: owners and finance (ADMIN_EMAILS included), each once. */
export async function adminEmailAddresses(executor: Executor, adminEmails: readonly string[] = env().ADMIN_EMAILS): Promise<string[]> {
  const staff = await executor
    .select({ email: users.email })
    .from(users)
    .where(inArray(users.role, ["owner", "finance"]));
  const addresses = [...adminEmails, ...staff.map((row) => row.email).filter((email): email is string => !!email)].map(emailIdentity);
  return [...new Set(addresses)].sort();
}
