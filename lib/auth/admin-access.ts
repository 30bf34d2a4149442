import "server-only";
import { and, eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Database } from "@/db/database";
import { emailIdentity } from "@/lib/identity/email-identity";
import { env } from "@/lib/env";

/** True for an address listed in ADMIN_EMAILS (admins by configuration, whatever the database says). */
export function isConfiguredAdmin(email: string | null | undefined, adminEmails: readonly string[] = env().ADMIN_EMAILS): boolean {
  if (!email) return false;
  const identity = emailIdentity(email);
  return adminEmails.some((listed) => emailIdentity(listed) === identity);
}

/** True when `email` may use the admin: listed in ADMIN_EMAILS or promoted by an admin. */
export async function isAdminEmail(db: Database, email: string | null | undefined, adminEmails: readonly string[] = env().ADMIN_EMAILS): Promise<boolean> {
  if (!email) return false;
  if (isConfiguredAdmin(email, adminEmails)) return true;
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, emailIdentity(email)), eq(users.isAdmin, true)))
    .limit(1);
  return !!row;
}
