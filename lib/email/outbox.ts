import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNotNull, isNull, lt, lte, sql, type SQL } from "drizzle-orm";
import { sentEmails, subscribers, type SentEmail } from "@/db/schema";
import type { Database, Executor } from "@/db/database";
import type { EmailPropsOf, EmailTemplateName } from "@/emails/registry";
import { personaliseUpdateEmail, renderUpdateEmailShell, type UpdateEmailSettings, type UpdateEmailShell } from "@/lib/updates/update-email";
import { retryDelayMs, type DeliverySettings } from "./delivery-settings";
import { propsAfterDelivery, renderEmail } from "./render-email";
import { emailTransportFromEnv, RESEND_BATCH_LIMIT, type EmailTransport, type OutgoingEmail } from "./transport";
import { describeError } from "@/lib/errors/describe-error";

export interface QueuedEmail<Name extends EmailTemplateName> {
  /** One email per key, ever: e.g. `receipt:<invoice id>`, `confirm-subscription:<subscriber id>:<n>`. */
  idempotencyKey: string;
  template: Name;
  to: string;
  props: EmailPropsOf<Name>;
  headers?: Record<string, string>;
  /** `bulk` waits behind receipts and sign-in links and leaves in provider batches (the worker's). */
  priority?: "transactional" | "bulk";
}

/**
 * Queues an email. Call it inside the transaction that records what the email is about, so
 * both commit or neither does. Returns false when that key was already queued (a duplicate).
 */
export async function queueEmail<Name extends EmailTemplateName>(executor: Executor, email: QueuedEmail<Name>): Promise<boolean> {
  return (await queueEmails(executor, [email])).size > 0;
}

/** Queues many emails in one statement; returns the keys that were new (the others were queued before). */
export async function queueEmails<Name extends EmailTemplateName>(executor: Executor, emails: readonly QueuedEmail<Name>[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const inserted = await executor
    .insert(sentEmails)
    .values(
      emails.map((email) => ({
        idempotencyKey: email.idempotencyKey,
        template: email.template,
        toAddress: email.to,
        props: email.props as Record<string, unknown>,
        headers: email.headers ?? {},
        priority: email.priority ?? "transactional",
      })),
    )
    .onConflictDoNothing({ target: sentEmails.idempotencyKey })
    .returning({ key: sentEmails.idempotencyKey });
  return new Set(inserted.map((row) => row.key));
}

export interface DeliveryReport {
  sent: number;
  failed: number;
}

/** How the outbox sends: transport, retry policy, and link settings for update emails. */
export interface DeliveryContext {
  transport: EmailTransport;
  settings: DeliverySettings;
  updateLinks: UpdateEmailSettings;
}

async function defaultContext(db: Database): Promise<DeliveryContext> {
  const [{ subscriptionSettings }, { deliverySettingsFromEnv }] = await Promise.all([import("@/lib/subscribers/subscription-settings"), import("./delivery-settings")]);
  return { transport: emailTransportFromEnv(db), settings: deliverySettingsFromEnv(), updateLinks: subscriptionSettings() };
}

/** Due rows: pending and past their retry time (served by the partial index sent_emails_due_idx). */
function due(): SQL {
  // The database's clock, the one that stamped new rows (`default now()`, in microseconds): a
  // JavaScript Date is cut to milliseconds, so a row queued this very millisecond looked "not
  // yet due" and a receipt waited for the next worker round.
  return and(eq(sentEmails.status, "pending"), lte(sentEmails.nextAttemptAt, sql`now()`))!;
}

/**
 * A row left `sending` longer than the stale limit belongs to a process that died mid-send: it
 * goes back to pending (keeping its batch key, so a bulk batch is re-sent under the same key).
 */
async function releaseStaleClaims(db: Database, settings: DeliverySettings, now: Date): Promise<void> {
  await db
    .update(sentEmails)
    .set({ status: "pending", claimedAt: null })
    .where(and(eq(sentEmails.status, "sending"), lt(sentEmails.claimedAt, new Date(now.getTime() - settings.staleClaimMs))));
}

/**
 * Claims rows in one statement: the inner SELECT … FOR UPDATE SKIP LOCKED lets concurrent
 * workers (in other processes or this one) pass over rows another is claiming, and the outer
 * UPDATE marks them `sending`, so no row is ever handed to two senders.
 */
async function claimRows(db: Database, where: SQL, limit: number, extra: Partial<Pick<SentEmail, "batchKey">> = {}): Promise<SentEmail[]> {
  // Ordered by the index's own column only, so LIMIT stops after `limit` index entries.
  const candidates = db.select({ id: sentEmails.id }).from(sentEmails).where(where).orderBy(asc(sentEmails.nextAttemptAt)).limit(limit).for("update", { skipLocked: true });
  return db
    .update(sentEmails)
    .set({ status: "sending", claimedAt: new Date(), attempts: sql`${sentEmails.attempts} + 1`, ...extra })
    .where(inArray(sentEmails.id, candidates))
    .returning();
}

/**
 * Update emails whose reader is no longer confirmed are marked skipped and left out; the rest
 * come back with the reader's current first name (for the greeting).
 */
async function dropUnsubscribed(db: Database, rows: SentEmail[]): Promise<{ rows: SentEmail[]; firstNames: Map<string, string | null> }> {
  const subscriberIds = [...new Set(rows.flatMap((row) => (row.subscriberId ? [row.subscriberId] : [])))];
  const firstNames = new Map<string, string | null>();
  if (subscriberIds.length === 0) return { rows, firstNames };
  const confirmed = await db
    .select({ id: subscribers.id, firstName: subscribers.firstName })
    .from(subscribers)
    .where(and(inArray(subscribers.id, subscriberIds), eq(subscribers.status, "confirmed")));
  for (const reader of confirmed) firstNames.set(reader.id, reader.firstName);
  const skipped = rows.filter((row) => row.subscriberId && !firstNames.has(row.subscriberId));
  if (skipped.length > 0) {
    await db
      .update(sentEmails)
      .set({ status: "skipped", lastError: "not sent: the reader unsubscribed after it was queued", claimedAt: null })
      .where(inArray(sentEmails.id, skipped.map((row) => row.id)));
  }
  return { rows: rows.filter((row) => !skipped.includes(row)), firstNames };
}

/** A failure: back to pending after an exponential delay, or `failed` once attempts run out. */
async function recordFailure(db: Database, rows: SentEmail[], error: unknown, settings: DeliverySettings): Promise<void> {
  const message = describeError(error).slice(0, 500);
  const what = rows.length === 1 ? rows[0]!.idempotencyKey : `a batch of ${rows.length} (${rows[0]!.batchKey})`;
  console.error(`[email] delivery of ${what} failed (attempt ${rows[0]!.attempts}): ${message}`);
  const attempts = rows[0]?.attempts ?? 1;
  const finalRows = rows.filter((row) => row.attempts >= settings.maxAttempts).map((row) => row.id);
  const retryRows = rows.filter((row) => row.attempts < settings.maxAttempts).map((row) => row.id);
  if (finalRows.length > 0) await db.update(sentEmails).set({ status: "failed", lastError: message, claimedAt: null }).where(inArray(sentEmails.id, finalRows));
  if (retryRows.length > 0) {
    const nextAttemptAt = new Date(Date.now() + retryDelayMs(attempts, settings));
    await db.update(sentEmails).set({ status: "pending", lastError: message, claimedAt: null, nextAttemptAt }).where(inArray(sentEmails.id, retryRows));
  }
}

async function renderSingle(db: Database, row: SentEmail, context: DeliveryContext, firstNames: Map<string, string | null>): Promise<OutgoingEmail> {
  if (row.updateId && row.subscriberId) {
    const shell = await cachedShell(db, row.updateId, context.updateLinks);
    if (!shell) throw new Error("the update this email carries was deleted");
    const personal = personaliseUpdateEmail(shell, { subscriberId: row.subscriberId, firstName: firstNames.get(row.subscriberId) ?? null }, context.updateLinks);
    return { ...personal, to: row.toAddress, idempotencyKey: row.idempotencyKey };
  }
  const rendered = await renderEmail(row.template, row.props);
  return { ...rendered, to: row.toAddress, headers: row.headers, idempotencyKey: row.idempotencyKey };
}

async function sendSingly(db: Database, rows: SentEmail[], context: DeliveryContext): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0 };
  const { rows: sendable, firstNames } = await dropUnsubscribed(db, rows);
  for (const row of sendable) {
    try {
      const email = await renderSingle(db, row, context, firstNames);
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
export async function deliverQueuedEmails(
  db: Database,
  options: { keys?: string[]; limit?: number; context?: DeliveryContext } = {},
): Promise<DeliveryReport> {
  if (options.keys?.length === 0) return { sent: 0, failed: 0 };
  const context = options.context ?? (await defaultContext(db));
  const now = new Date();
  if (!options.keys) await releaseStaleClaims(db, context.settings, now);
  const where = options.keys ? and(inArray(sentEmails.idempotencyKey, options.keys), due())! : and(eq(sentEmails.priority, "transactional"), due())!;
  const rows = await claimRows(db, where, options.keys?.length ?? options.limit ?? 20);
  return sendSingly(db, rows, context);
}

const shellCache = new Map<string, Promise<UpdateEmailShell | null>>();

/** One render per update per process for a short while (it may be corrected on the site). */
function cachedShell(db: Database, updateId: string, links: UpdateEmailSettings): Promise<UpdateEmailShell | null> {
  const key = `${updateId}:${links.appUrl}:${links.linkSecret}`;
  let shell = shellCache.get(key);
  if (!shell) {
    shell = renderUpdateEmailShell(db, updateId, links);
    shellCache.set(key, shell);
    shell.catch(() => shellCache.delete(key));
    setTimeout(() => shellCache.delete(key), 60_000).unref();
  }
  return shell;
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
  const [retry] = await db.select({ batchKey: sentEmails.batchKey }).from(sentEmails).where(and(due(), isNotNull(sentEmails.batchKey))).orderBy(asc(sentEmails.nextAttemptAt)).limit(1);
  let rows: SentEmail[];
  if (retry?.batchKey) {
    rows = await claimRows(db, and(dueBulk, eq(sentEmails.batchKey, retry.batchKey))!, RESEND_BATCH_LIMIT);
  } else {
    rows = await claimRows(db, and(dueBulk, isNull(sentEmails.batchKey))!, Math.min(batchSize, RESEND_BATCH_LIMIT), { batchKey: `batch-${randomUUID()}` });
  }
  if (rows.length === 0) return null;

  const { rows: sendable, firstNames } = await dropUnsubscribed(db, rows);
  if (sendable.length === 0) return { sent: 0, failed: 0 };
  let emails: OutgoingEmail[];
  try {
    emails = await Promise.all(sendable.map((row) => renderSingle(db, row, context, firstNames)));
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
    return { sent: sendable.length, failed: 0 };
  } catch (error) {
    await recordFailure(db, sendable, error, context.settings);
    return { sent: 0, failed: sendable.length };
  }
}

/** Puts failed emails back in the queue for one more round of attempts (the admin's "retry"). */
export async function retryFailedEmails(db: Database, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .update(sentEmails)
    .set({ status: "pending", attempts: 0, nextAttemptAt: new Date(), claimedAt: null })
    .where(and(inArray(sentEmails.id, ids), eq(sentEmails.status, "failed")))
    .returning({ id: sentEmails.id });
  return rows.length;
}

/** Emails that ran out of attempts, newest first, with the provider's last answer. */
export async function listFailedEmails(db: Database, limit = 100): Promise<Pick<SentEmail, "id" | "template" | "toAddress" | "attempts" | "lastError" | "createdAt" | "updateId">[]> {
  return db
    .select({ id: sentEmails.id, template: sentEmails.template, toAddress: sentEmails.toAddress, attempts: sentEmails.attempts, lastError: sentEmails.lastError, createdAt: sentEmails.createdAt, updateId: sentEmails.updateId })
    .from(sentEmails)
    .where(eq(sentEmails.status, "failed"))
    .orderBy(sql`${sentEmails.createdAt} desc`)
    .limit(limit);
}

/** Queues and immediately delivers one email (for emails not tied to a larger transaction). */
export async function sendEmail<Name extends EmailTemplateName>(db: Database, email: QueuedEmail<Name>): Promise<DeliveryReport> {
  await queueEmail(db, email);
  return deliverQueuedEmails(db, { keys: [email.idempotencyKey] });
}
