import "server-only";
import { and, ne, sql } from "drizzle-orm";
import { subscribers } from "@/db/schema";
import type { Database } from "@/db/database";
import { emailIdentity } from "@/lib/identity/email-identity";
import { deliverQueuedEmails, queueEmail } from "@/lib/email/outbox";
import { parseEmailAddress } from "./email-address";
import { consumeSignUpLimits } from "@/lib/rate-limit/address-limits";
import { unsubscribePageUrl } from "./subscriber-links";
import type { SubscriptionSettings } from "./subscription-settings";

/** The one answer to every well-formed request, whether or not the address is on the list. */
export const UNSUBSCRIBE_LINK_REQUESTED_MESSAGE =
  "Thank you. If that address receives our updates, a link to unsubscribe it is on its way. If nothing arrives in a few minutes, check your spam folder or contact us.";

export type UnsubscribeLinkRequestOutcome =
  | { kind: "invalid"; message: string }
  | { kind: "limited"; message: string }
  /** Send the link (sendUnsubscribeLink) after the response, so its timing says nothing about the address. */
  | { kind: "accepted"; message: string; email: string };

/**
 * "Email me an unsubscribe link" on /unsubscribe: checks the address, counts the request
 * against the sign-up form's limits (per client, per address, known or not), and answers the
 * same for every address, like the giving page's "Email me a link".
 */
export async function requestUnsubscribeLink(db: Database, input: { email: unknown; client: string }, secret: string): Promise<UnsubscribeLinkRequestOutcome> {
  const parsed = parseEmailAddress(input.email);
  if (!parsed.ok) return { kind: "invalid", message: parsed.message };
  const limit = await consumeSignUpLimits(db, { client: input.client, email: parsed.email }, secret);
  if (!limit.allowed) {
    const minutes = Math.ceil(limit.retryAfterSeconds / 60);
    return { kind: "limited", message: `Too many requests. Please try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.` };
  }
  return { kind: "accepted", message: UNSUBSCRIBE_LINK_REQUESTED_MESSAGE, email: parsed.email };
}

/**
 * Emails the address its unsubscribe page when it is subscribed or waiting to confirm; does
 * nothing for an unknown or already unsubscribed address. The link is the same signed link as
 * in every update email (it unsubscribes nothing until its button is pressed). Callers limit.
 */
export async function sendUnsubscribeLink(db: Database, email: string, settings: SubscriptionSettings, now: Date = new Date()): Promise<{ sent: boolean }> {
  const [subscriber] = await db
    .select({ id: subscribers.id, email: subscribers.email })
    .from(subscribers)
    .where(and(sql`lower(${subscribers.email}) = ${emailIdentity(email)}`, ne(subscribers.status, "unsubscribed")));
  if (!subscriber) return { sent: false };
  // One per request (the limits above bound how many); a retried request within the minute is one email.
  const idempotencyKey = `unsubscribe-link:${subscriber.id}:${Math.floor(now.getTime() / 60_000)}`;
  await queueEmail(db, {
    idempotencyKey,
    template: "unsubscribe-link",
    to: subscriber.email,
    props: { organisationName: settings.organisationName, unsubscribeUrl: unsubscribePageUrl(settings.appUrl, subscriber.id, settings.linkSecret) },
  });
  await deliverQueuedEmails(db, { keys: [idempotencyKey] });
  return { sent: true };
}
