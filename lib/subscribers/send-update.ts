import "server-only";
import { and, asc, eq, gt } from "drizzle-orm";
import { subscribers } from "@/db/schema";
import type { Database } from "@/db/database";
import { deliverQueuedEmails, queueEmail } from "@/lib/email/outbox";
import { listUnsubscribeHeaders, unsubscribePageUrl } from "./subscriber-links";
import type { SubscriptionSettings } from "./subscription-settings";

export interface SubscriberUpdate {
  /** Names this update for good: sending the same id again never emails anyone twice. */
  updateId: string;
  subject: string;
  heading: string;
  paragraphs: string[];
  link: { label: string; url: string } | null;
}

export interface UpdateReport {
  recipients: number;
  sent: number;
  failed: number;
}

const UPDATE_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;

/**
 * Emails an update to every confirmed subscriber, each with a personal unsubscribe link in the
 * body and the List-Unsubscribe / List-Unsubscribe-Post headers (RFC 8058 one-click). Goes
 * through the outbox in batches: idempotent per (update, subscriber), a failed email stays queued
 * and is retried by calling this again.
 */
export async function sendUpdateToSubscribers(
  db: Database,
  update: SubscriberUpdate,
  settings: SubscriptionSettings,
  options: { batchSize?: number } = {},
): Promise<UpdateReport> {
  if (!UPDATE_ID.test(update.updateId)) throw new Error(`updateId must be lower-case letters, digits and dashes, got "${update.updateId}"`);
  const batchSize = options.batchSize ?? 200;
  const report: UpdateReport = { recipients: 0, sent: 0, failed: 0 };
  let after = "";
  for (;;) {
    const batch = await db
      .select({ id: subscribers.id, email: subscribers.email, firstName: subscribers.firstName })
      .from(subscribers)
      .where(and(eq(subscribers.status, "confirmed"), after ? gt(subscribers.id, after) : undefined))
      .orderBy(asc(subscribers.id))
      .limit(batchSize);
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.id;

    const keys: string[] = [];
    for (const subscriber of batch) {
      const idempotencyKey = `update:${update.updateId}:${subscriber.id}`;
      await queueEmail(db, {
        idempotencyKey,
        template: "campaign-update",
        to: subscriber.email,
        props: {
          organisationName: settings.organisationName,
          subject: update.subject,
          heading: update.heading,
          paragraphs: update.paragraphs,
          link: update.link,
          firstName: subscriber.firstName,
          unsubscribeUrl: unsubscribePageUrl(settings.appUrl, subscriber.id, settings.linkSecret),
        },
        headers: listUnsubscribeHeaders(settings.appUrl, subscriber.id, settings.linkSecret),
      });
      keys.push(idempotencyKey);
    }
    report.recipients += batch.length;
    const delivered = await deliverQueuedEmails(db, { keys });
    report.sent += delivered.sent;
    report.failed += delivered.failed;
    if (batch.length < batchSize) break;
  }
  return report;
}
