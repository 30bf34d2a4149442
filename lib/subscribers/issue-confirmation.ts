import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import { subscriberConfirmations, subscribers } from "@/db/schema";
import type { Executor } from "@/db/database";
import { queueEmail } from "@/lib/email/outbox";
import { confirmationUrl, unsubscribePageUrl } from "./subscriber-links";
import { CONFIRMATION_RESEND_INTERVAL_MS, describeLifetime, type SubscriptionSettings } from "./subscription-settings";
import { confirmationExpiresAt, createConfirmationToken } from "./tokens";

/**
 * Whether another confirmation email may go out now: yes when none went out in the last few
 * minutes, and also when every earlier link has expired or been withdrawn (a person with no
 * working link always gets one; the per-address rate limit still bounds that).
 */
export async function mayResendConfirmation(tx: Executor, subscriber: { id: string; confirmationSentAt: Date | null }, now: Date): Promise<boolean> {
  const sentAt = subscriber.confirmationSentAt;
  if (!sentAt || now.getTime() - sentAt.getTime() >= CONFIRMATION_RESEND_INTERVAL_MS) return true;
  const live = await tx
    .select({ id: subscriberConfirmations.id })
    .from(subscriberConfirmations)
    .where(and(eq(subscriberConfirmations.subscriberId, subscriber.id), isNull(subscriberConfirmations.usedAt), gt(subscriberConfirmations.expiresAt, now)))
    .limit(1);
  return live.length === 0;
}

/**
 * Creates a confirmation link (storing only its hash) and queues the email carrying it, in the
 * caller's transaction. Returns the outbox key to deliver after commit.
 */
export async function issueConfirmation(tx: Executor, subscriber: { id: string; email: string }, settings: SubscriptionSettings, now: Date): Promise<string> {
  const { token, tokenHash } = createConfirmationToken();
  const [confirmation] = await tx
    .insert(subscriberConfirmations)
    .values({ subscriberId: subscriber.id, tokenHash, expiresAt: confirmationExpiresAt(now, settings.confirmationTtlHours), createdAt: now })
    .returning({ id: subscriberConfirmations.id });
  if (!confirmation) throw new Error("confirmation link was not stored");
  await tx.update(subscribers).set({ confirmationSentAt: now }).where(eq(subscribers.id, subscriber.id));

  const idempotencyKey = `subscription-confirmation:${confirmation.id}`;
  await queueEmail(tx, {
    idempotencyKey,
    template: "subscription-confirmation",
    to: subscriber.email,
    props: {
      organisationName: settings.organisationName,
      confirmUrl: confirmationUrl(settings.appUrl, token),
      expiresIn: describeLifetime(settings.confirmationTtlHours),
      // A way out that works even before confirming (e.g. someone else typed this address).
      unsubscribeUrl: unsubscribePageUrl(settings.appUrl, subscriber.id, settings.linkSecret),
    },
  });
  return idempotencyKey;
}
