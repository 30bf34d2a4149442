import "server-only";
import { and, eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Database } from "@/db/database";
import { env } from "@/lib/env";

/** How addresses are compared: trimmed and lower-cased, as Auth.js stores them. */
export function normalizeEmail(email: string): string {
  return email.normalize("NFKC").trim().toLowerCase();
}

/** True for an address listed in ADMIN_EMAILS (admins by configuration, whatever the database says). */
export function isConfiguredAdmin(email: string | null | undefined, adminEmails: readonly string[] = env().ADMIN_EMAILS): boolean {
  return !!email && adminEmails.includes(normalizeEmail(email));
}

/** True when `email` may use the admin: listed in ADMIN_EMAILS or promoted by an admin. */
export async function isAdminEmail(
  db: Database,
  email: string | null | undefined,
  adminEmails: readonly string[] = env().ADMIN_EMAILS,
): Promise<boolean> {
  if (!email) return false;
  if (isConfiguredAdmin(email, adminEmails)) return true;
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, normalizeEmail(email)), eq(users.isAdmin, true)))
    .limit(1);
  return !!row;
}
