import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Database } from "@/db/database";
import { emailIdentity } from "@/lib/identity/email-identity";
import { env } from "@/lib/env";
import { isStaffRole, type StaffRole } from "./admin-roles";

/** True for an address listed in ADMIN_EMAILS (owners by configuration, whatever the database says). */
export function isConfiguredAdmin(email: string | null | undefined, adminEmails: readonly string[] = env().ADMIN_EMAILS): boolean {
  if (!email) return false;
  const identity = emailIdentity(email);
  return adminEmails.some((listed) => emailIdentity(listed) === identity);
}

/** The role an address has: owner when listed in ADMIN_EMAILS, otherwise its users row's role (null: none). */
export function effectiveRole(email: string | null | undefined, storedRole: unknown, adminEmails: readonly string[] = env().ADMIN_EMAILS): StaffRole | null {
  if (isConfiguredAdmin(email, adminEmails)) return "owner";
  return isStaffRole(storedRole) ? storedRole : null;
}

/** The role `email` has in the admin, read afresh (null: no access). */
export async function staffRoleOf(
  db: Database,
  email: string | null | undefined,
  adminEmails: readonly string[] = env().ADMIN_EMAILS,
): Promise<StaffRole | null> {
  if (!email) return null;
  if (isConfiguredAdmin(email, adminEmails)) return "owner";
  const [row] = await db
    .select({ role: users.role })
    .from(users)
    .where(eq(users.email, emailIdentity(email)))
    .limit(1);
  return effectiveRole(email, row?.role, adminEmails);
}

/** True when `email` may sign in to the admin: listed in ADMIN_EMAILS or given a role by an owner. */
export async function isAdminEmail(db: Database, email: string | null | undefined, adminEmails: readonly string[] = env().ADMIN_EMAILS): Promise<boolean> {
  return (await staffRoleOf(db, email, adminEmails)) !== null;
}
