import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { verificationTokens } from "@/db/schema";
import type { Database } from "@/db/database";
import { env } from "@/lib/env";
import { emailIdentity } from "@/lib/identity/email-identity";
import { isConfiguredAdmin } from "./admin-access";
import { MAGIC_LINK_PROVIDER } from "./auth-config";
import { authSecret } from "./auth-secret";

/** A link printed to the operator's terminal is used at once; an hour is plenty. */
export const ADMIN_LINK_MAX_AGE_SECONDS = 60 * 60;

export class AdminLinkRefusedError extends Error {
  override name = "AdminLinkRefusedError";
}

/**
 * A single-use sign-in link for an address in ADMIN_EMAILS, made without sending email: how
 * the first admin of a production site without Resend signs in (`npm run admin:link`).
 *
 * It is an ordinary Auth.js magic link: the token goes into the same verification-token table,
 * hashed the way Auth.js hashes it (SHA-256 of token + secret), so Auth.js's own callback checks
 * it, deletes it on use and opens the session. Only ADMIN_EMAILS qualify — whoever runs this
 * command already controls the server's configuration, and nobody else can be made an admin by it.
 */
export async function createAdminSignInLink(
  db: Database,
  email: string,
  options: { appUrl?: string; secret?: string; adminEmails?: readonly string[]; now?: Date } = {},
): Promise<{ url: string; expires: Date }> {
  const address = emailIdentity(email);
  const adminEmails = options.adminEmails ?? env().ADMIN_EMAILS;
  if (!isConfiguredAdmin(address, adminEmails)) {
    throw new AdminLinkRefusedError(`${address || "(empty)"} is not in ADMIN_EMAILS; add it there first (and restart the server), then run this again.`);
  }
  const appUrl = options.appUrl ?? env().APP_URL;
  const secret = options.secret ?? authSecret();
  // Auth.js's own token format (randomString(32): 64 hex characters).
  const token = randomBytes(32).toString("hex");
  const expires = new Date((options.now ?? new Date()).getTime() + ADMIN_LINK_MAX_AGE_SECONDS * 1000);
  await db.insert(verificationTokens).values({ identifier: address, token: createHash("sha256").update(`${token}${secret}`).digest("hex"), expires });
  const origin = new URL(appUrl).origin;
  const query = new URLSearchParams({ callbackUrl: `${origin}/admin`, token, email: address });
  return { url: `${origin}/api/auth/callback/${MAGIC_LINK_PROVIDER}?${query}`, expires };
}
