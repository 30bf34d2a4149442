import "server-only";
import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import { sentEmails } from "@/db/schema";
import type { Database, Executor } from "@/db/database";
import type { EmailPropsOf, EmailTemplateName } from "@/emails/registry";
import { propsAfterDelivery, renderEmail } from "./render-email";
import { deliverEmail } from "./transport";

export interface QueuedEmail<Name extends EmailTemplateName> {
  /** One email per key, ever: e.g. `receipt:<invoice id>`, `confirm-subscription:<subscriber id>:<n>`. */
  idempotencyKey: string;
  template: Name;
  to: string;
  props: EmailPropsOf<Name>;
  headers?: Record<string, string>;
}

/** A claim older than this is taken to belong to a process that died mid-send. */
const STALE_CLAIM_MS = 5 * 60 * 1000;

/**
 * Queues an email. Call it inside the transaction that records what the email is about, so
 * both commit or neither does. Returns false when that key was already queued (a duplicate).
 */
export async function queueEmail<Name extends EmailTemplateName>(executor: Executor, email: QueuedEmail<Name>): Promise<boolean> {
  const inserted = await executor
    .insert(sentEmails)
    .values({
      idempotencyKey: email.idempotencyKey,
      template: email.template,
      toAddress: email.to,
      props: email.props as Record<string, unknown>,
      headers: email.headers ?? {},
    })
    .onConflictDoNothing({ target: sentEmails.idempotencyKey })
    .returning({ id: sentEmails.id });
  return inserted.length > 0;
}

export interface DeliveryReport {
  sent: number;
  failed: number;
}

/**
 * Sends queued emails (the given keys, or every pending one). Each row is claimed atomically
 * first, so concurrent callers never send the same email twice. A failure leaves the row
 * pending for the next call; it never throws for a single bad email.
 */
export async function deliverQueuedEmails(db: Database, options: { keys?: string[]; limit?: number } = {}): Promise<DeliveryReport> {
  const staleBefore = new Date(Date.now() - STALE_CLAIM_MS);
  const claimable = or(eq(sentEmails.status, "pending"), and(eq(sentEmails.status, "sending"), lt(sentEmails.claimedAt, staleBefore)));
  const target = options.keys
    ? and(inArray(sentEmails.idempotencyKey, options.keys), claimable)
    : and(
        claimable,
        inArray(
          sentEmails.id,
          db.select({ id: sentEmails.id }).from(sentEmails).where(claimable).orderBy(sentEmails.createdAt).limit(options.limit ?? 50),
        ),
      );
  if (options.keys?.length === 0) return { sent: 0, failed: 0 };

  const claimed = await db
    .update(sentEmails)
    .set({ status: "sending", claimedAt: new Date(), attempts: sql`${sentEmails.attempts} + 1` })
    .where(target)
    .returning();

  const report: DeliveryReport = { sent: 0, failed: 0 };
  for (const row of claimed) {
    try {
      const rendered = await renderEmail(row.template, row.props);
      const receipt = await deliverEmail(db, { ...rendered, to: row.toAddress, headers: row.headers, idempotencyKey: row.idempotencyKey });
      await db
        .update(sentEmails)
        .set({
          status: "sent",
          sentAt: new Date(),
          subject: rendered.subject,
          transport: receipt.transport,
          providerMessageId: receipt.providerMessageId,
          lastError: null,
          props: propsAfterDelivery(row.template, row.props),
        })
        .where(eq(sentEmails.id, row.id));
      report.sent += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`[email] delivery of ${row.idempotencyKey} failed: ${message}`);
      await db.update(sentEmails).set({ status: "pending", lastError: message.slice(0, 500) }).where(eq(sentEmails.id, row.id));
      report.failed += 1;
    }
  }
  return report;
}

/** Queues and immediately delivers one email (for emails not tied to a larger transaction). */
export async function sendEmail<Name extends EmailTemplateName>(db: Database, email: QueuedEmail<Name>): Promise<DeliveryReport> {
  await queueEmail(db, email);
  return deliverQueuedEmails(db, { keys: [email.idempotencyKey] });
}
