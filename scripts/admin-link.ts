/**
 * `npm run admin:link -- you@example.org`: prints a single-use sign-in link for an address in
 * ADMIN_EMAILS, for a site that sends no email yet (see docs/operations.md, "Becoming the first admin"). Run it on the
 * server, with the server's environment (same DATABASE_URL, AUTH_SECRET, APP_URL).
 */
import { getDb } from "@/db/client";
import { emailIdentity } from "@/lib/identity/email-identity";
import { env } from "@/lib/env";
import { isConfiguredAdmin } from "@/lib/auth/admin-access";
import { AdminLinkRefusedError, createAdminSignInLink } from "@/lib/auth/admin-sign-in-link";
import { environmentIsValid, runCommand } from "./support/command";

async function main(): Promise<number> {
  const email = process.argv[2];
  if (!email || process.argv.length > 3) {
    console.error("Usage: npm run admin:link -- you@example.org (an address listed in ADMIN_EMAILS)");
    return 2;
  }
  if (!environmentIsValid()) return 1;
  try {
    // Refuse before opening the database: nothing to do for an address that is not an admin.
    if (!isConfiguredAdmin(email))
      throw new AdminLinkRefusedError(`${emailIdentity(email)} is not in ADMIN_EMAILS; add it there first (and restart the server), then run this again.`);
    if (!env().DATABASE_URL) console.info("(Embedded database: stop the server first; PGlite allows one process per data folder.)");
    const { url, expires } = await createAdminSignInLink(await getDb(), email);
    console.info(`Sign-in link for ${emailIdentity(email)} (works once, until ${expires.toISOString()}):`);
    console.log(url);
    return 0;
  } catch (error) {
    if (error instanceof AdminLinkRefusedError) {
      console.error(`No link: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

// A failure is e.g. the embedded database open in a running server: PGlite allows one process per folder.
runCommand(main, "No link");
