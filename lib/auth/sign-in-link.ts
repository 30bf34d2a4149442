import "server-only";
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { sentEmails } from "@/db/schema";
import type { Database } from "@/db/database";
import { sendEmail } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { emailIdentity } from "@/lib/identity/email-identity";
import { isAdminEmail } from "./admin-access";
import { logger } from "@/lib/observability/logger";

const log = logger("auth");

export interface SignInLinkRequest {
  /** The address that asked, as Auth.js normalised it. */
  identifier: string;
  /** Auth.js's callback URL carrying the single-use token. */
  url: string;
  token: string;
}

/**
 * The magic link's origin is always APP_URL, never the Host header of the request that asked
 * for it: otherwise anyone could ask for an admin's link with `Host: evil.example` and receive
 * the admin's click (and token) on their own server.
 */
export function linkOnAppOrigin(url: string, appUrl: string = env().APP_URL): string {
  const link = new URL(url);
  // A new URL, not `link.host = …`: the host setter keeps the old port when the new host has none.
  return new URL(`${link.pathname}${link.search}${link.hash}`, new URL(appUrl).origin).toString();
}

/**
 * Sends a sign-in link to an admin, and to nobody else. Whoever asked gets the same answer
 * (the caller does not tell them whether a link went out), so the form reveals nothing about
 * who the admins are. Returns whether an email was sent.
 *
 * The outbox keeps an email's props to render it; a live sign-in token must not sit there in
 * clear (Auth.js itself stores only a hash), so once the email is handed over the link is
 * redacted, and an email that could not be sent is dropped rather than retried later.
 */
export async function sendSignInLink(db: Database, request: SignInLinkRequest): Promise<boolean> {
  const to = emailIdentity(request.identifier);
  if (!(await isAdminEmail(db, to))) return false;
  const { ORG_NAME, APP_URL } = env();
  const idempotencyKey = `sign-in:${createHash("sha256").update(request.token).digest("hex")}`;
  const report = await sendEmail(db, {
    idempotencyKey,
    template: "sign-in-link",
    to,
    props: { organisationName: ORG_NAME, url: linkOnAppOrigin(request.url, APP_URL) },
  });
  if (report.sent > 0) {
    await db
      .update(sentEmails)
      .set({ props: { organisationName: ORG_NAME, url: new URL("/sign-in", APP_URL).toString() } })
      .where(eq(sentEmails.idempotencyKey, idempotencyKey));
    return true;
  }
  await db.delete(sentEmails).where(eq(sentEmails.idempotencyKey, idempotencyKey));
  log.error("the sign-in link for an admin could not be sent; they can ask again.");
  return false;
}
