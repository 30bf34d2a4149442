import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { sentEmails, type SentEmail } from "@/db/schema";
import type { Database } from "@/db/database";
import type { EmailTemplateName } from "@/emails/registry";
import { deliverySettingsFromEnv, type DeliverySettings } from "../delivery-settings";
import { propsAfterDelivery, renderEmail } from "../render-email";
import { emailTransportFromEnv, RESEND_BATCH_LIMIT, type EmailTransport, type OutgoingEmail } from "../transport";
import { metrics } from "@/lib/observability/metrics";
import { claimFailedBatch, claimRows, due, recordFailure, releaseStaleClaims, skipRows } from "./claim";
import { emailLinkSettingsFromEnv, emailPersonalisationFor, type EmailLinkSettings } from "./personalisation";
import { queueEmail, type QueuedEmail } from "./queue";

/*
 * Sending claimed rows: one by one for transactional emails (right after the work that queued
 * them, or by the worker), in provider batches for bulk ones. Rows of a template with a
 * registered personalisation step (./personalisation.ts) are prepared and rendered by it.
 */

export interface DeliveryReport {
  sent: number;
  failed: number;
}

/** How the outbox sends: transport, retry policy, and the settings personal links are made with. */
export interface DeliveryContext {
  transport: EmailTransport;
  settings: DeliverySettings;
  links: EmailLinkSettings;
}

function defaultContext(db: Database): DeliveryContext {
  return { transport: emailTransportFromEnv(db), settings: deliverySettingsFromEnv(), links: emailLinkSettingsFromEnv() };
}

/**
 * Asks each personalised template's step about its rows (marking those it leaves out skipped),
 * and returns the rows to send with how to render each.
 */
async function prepareRows(
  db: Database,
  rows: SentEmail[],
  context: DeliveryContext,
): Promise<{ rows: SentEmail[]; render: (row: SentEmail) => Promise<OutgoingEmail> }> {
  const byTemplate = new Map<string, SentEmail[]>();
  for (const row of rows) byTemplate.set(row.template, [...(byTemplate.get(row.template) ?? []), row]);
  const renderers = new Map<string, (row: SentEmail) => Promise<OutgoingEmail>>();
  const skipped = new Map<string, string>();
  for (const [template, templateRows] of byTemplate) {
    const step = emailPersonalisationFor(template);
    if (!step) continue;
    const prepared = await step.prepare(db, templateRows, context.links);
    for (const [id, reason] of prepared.skipped) skipped.set(id, reason);
    renderers.set(template, async (row) => ({ ...(await prepared.render(row)), to: row.toAddress, idempotencyKey: row.idempotencyKey }));
  }
  if (skipped.size > 0) await skipRows(db, skipped);
  return {
    rows: rows.filter((row) => !skipped.has(row.id)),
    render: async (row) => {
      const personal = renderers.get(row.template);
      if (personal) return personal(row);
      // A reader's copy of a shared email needs its step: never send it rendered from the row alone.
      if (row.subscriberId) throw new Error(`no personalisation step is registered for ${row.template} emails in this process`);
      const rendered = await renderEmail(row.template, row.props);
      return { ...rendered, to: row.toAddress, headers: row.headers, idempotencyKey: row.idempotencyKey };
    },
  };
}

async function sendSingly(db: Database, rows: SentEmail[], context: DeliveryContext): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0 };
  if (rows.length === 0) return report;
  const { rows: sendable, render } = await prepareRows(db, rows, context);
  for (const row of sendable) {
    try {
      const email = await render(row);
      const receipt = await context.transport.send(email);
      await db
        .update(sentEmails)
        .set({
          status: "sent",
          sentAt: new Date(),
          subject: email.subject,
          transport: receipt.transport,
          providerMessageId: receipt.providerMessageId,
          lastError: null,
          props: propsAfterDelivery(row.template, row.props),
        })
        .where(eq(sentEmails.id, row.id));
      report.sent += 1;
      metrics().emailsSent.inc({ priority: row.priority });
    } catch (error) {
      await recordFailure(db, [row], error, context.settings);
      report.failed += 1;
    }
  }
  return report;
}

/**
 * Sends queued transactional emails now, one by one: the given keys (right after the work that
 * queued them commits), or those due. Bulk update emails are left to the worker's batches.
 * Never throws for a bad email: it is retried later with backoff, then marked failed.
 */
export async function deliverQueuedEmails(db: Database, options: { keys?: string[]; limit?: number; context?: DeliveryContext } = {}): Promise<DeliveryReport> {
  if (options.keys?.length === 0) return { sent: 0, failed: 0 };
  const context = options.context ?? defaultContext(db);
  const now = new Date();
  if (!options.keys) await releaseStaleClaims(db, context.settings, now);
  const where = options.keys ? and(inArray(sentEmails.idempotencyKey, options.keys), due())! : and(eq(sentEmails.priority, "transactional"), due())!;
  const rows = await claimRows(db, where, options.keys?.length ?? options.limit ?? 20);
  return sendSingly(db, rows, context);
}

function batchIdempotencyKey(batchKey: string, rows: SentEmail[]): string {
  const ids = rows.map((row) => row.id).sort();
  return `${batchKey}-${createHash("sha256").update(ids.join(",")).digest("hex").slice(0, 16)}`;
}

/**
 * Claims and sends one batch of bulk (update) emails, at most 100: a batch that failed before
 * is re-sent whole under its old idempotency key, so if the provider did get it the first time
 * it drops the repeat. Returns null when nothing bulk is due.
 */
export async function deliverBulkBatch(db: Database, context: DeliveryContext, batchSize = RESEND_BATCH_LIMIT): Promise<DeliveryReport | null> {
  const dueBulk = and(eq(sentEmails.priority, "bulk"), due())!;
  // A batch that failed before goes first and whole (served by the partial index sent_emails_retry_idx).
  const [retry] = await db
    .select({ batchKey: sentEmails.batchKey })
    .from(sentEmails)
    .where(and(due(), isNotNull(sentEmails.batchKey)))
    .orderBy(asc(sentEmails.nextAttemptAt))
    .limit(1);
  let rows: SentEmail[];
  if (retry?.batchKey) {
    rows = await claimFailedBatch(db, dueBulk, retry.batchKey, RESEND_BATCH_LIMIT);
  } else {
    rows = await claimRows(db, and(dueBulk, isNull(sentEmails.batchKey))!, Math.min(batchSize, RESEND_BATCH_LIMIT), { batchKey: `batch-${randomUUID()}` });
  }
  if (rows.length === 0) return null;

  const { rows: sendable, render } = await prepareRows(db, rows, context);
  if (sendable.length === 0) return { sent: 0, failed: 0 };
  let emails: OutgoingEmail[];
  try {
    emails = await Promise.all(sendable.map(render));
  } catch (error) {
    await recordFailure(db, sendable, error, context.settings);
    return { sent: 0, failed: sendable.length };
  }

  try {
    const providerIds = await context.transport.sendBatch(emails, batchIdempotencyKey(sendable[0]!.batchKey ?? "batch", sendable));
    const sentAt = new Date().toISOString();
    const values = sendable.map((row, index) => ({ id: row.id, provider_id: providerIds[index] ?? null, subject: emails[index]!.subject }));
    await db.execute(sql`
      update ${sentEmails} set status = 'sent', sent_at = ${sentAt}::timestamptz, transport = ${context.transport.name},
        provider_message_id = v.provider_id, subject = v.subject, last_error = null, claimed_at = null
      from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(id uuid, provider_id text, subject text)
      where ${sentEmails.id} = v.id`);
    metrics().emailsSent.inc({ priority: "bulk" }, sendable.length);
    return { sent: sendable.length, failed: 0 };
  } catch (error) {
    await recordFailure(db, sendable, error, context.settings);
    return { sent: 0, failed: sendable.length };
  }
}

/** Queues and immediately delivers one email (for emails not tied to a larger transaction). */
export async function sendEmail<Name extends EmailTemplateName>(db: Database, email: QueuedEmail<Name>): Promise<DeliveryReport> {
  await queueEmail(db, email);
  return deliverQueuedEmails(db, { keys: [email.idempotencyKey] });
}
