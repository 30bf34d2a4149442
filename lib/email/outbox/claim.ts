import "server-only";
import { and, asc, eq, inArray, lt, lte, sql, type SQL } from "drizzle-orm";
import { sentEmails, type SentEmail } from "@/db/schema";
import type { Database, Executor } from "@/db/database";
import { describeError } from "@/lib/errors/describe-error";
import { retryDelayMs, type DeliverySettings } from "../delivery-settings";
import { logger } from "@/lib/observability/logger";
import { metrics } from "@/lib/observability/metrics";

const log = logger("email");

/*
 * Claiming rows to send, and what happens to a claim: released when its process died, retried
 * with backoff when sending failed, given up once attempts run out.
 */

/** Due rows: pending and past their retry time (served by the partial index sent_emails_due_idx). */
export function due(): SQL {
  // The database's clock, the one that stamped new rows (`default now()`, in microseconds): a
  // JavaScript Date is cut to milliseconds, so a row queued this very millisecond looked "not
  // yet due" and a receipt waited for the next worker round.
  return and(eq(sentEmails.status, "pending"), lte(sentEmails.nextAttemptAt, sql`now()`))!;
}

/**
 * A row left `sending` longer than the stale limit belongs to a process that died mid-send: it
 * goes back to pending (keeping its batch key, so a bulk batch is re-sent under the same key).
 */
export async function releaseStaleClaims(db: Database, settings: DeliverySettings, now: Date): Promise<void> {
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
export async function claimRows(db: Executor, where: SQL, limit: number, extra: Partial<Pick<SentEmail, "batchKey">> = {}): Promise<SentEmail[]> {
  // Ordered by the index's own column only, so LIMIT stops after `limit` index entries.
  const candidates = db
    .select({ id: sentEmails.id })
    .from(sentEmails)
    .where(where)
    .orderBy(asc(sentEmails.nextAttemptAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(sentEmails)
    .set({ status: "sending", claimedAt: new Date(), attempts: sql`${sentEmails.attempts} + 1`, ...extra })
    .where(inArray(sentEmails.id, candidates))
    .returning();
}

/**
 * Claims a batch that failed before, whole or not at all. Skipping locked rows (as claimRows does)
 * could let two senders split it, each half under a new idempotency key, and a provider that took
 * the first try would then deliver it twice. A transaction-scoped advisory lock on the batch key
 * lets one sender claim it; another finds the lock taken and moves on, without waiting for rows
 * (waiting row locks deadlocked against the failure update).
 */
export async function claimFailedBatch(db: Database, where: SQL, batchKey: string, limit: number): Promise<SentEmail[]> {
  return db.transaction(async (tx) => {
    const result = (await tx.execute(sql`select pg_try_advisory_xact_lock(hashtextextended(${`email-batch:${batchKey}`}, 0)) as claimed`)) as unknown as {
      rows: { claimed: boolean }[];
    };
    if (!result.rows[0]?.claimed) return [];
    return claimRows(tx, and(where, eq(sentEmails.batchKey, batchKey))!, limit);
  });
}

/** Claimed rows that are not to be sent after all (e.g. the reader unsubscribed since): `skipped`, with why. */
export async function skipRows(db: Database, skipped: ReadonlyMap<string, string>): Promise<void> {
  const byReason = new Map<string, string[]>();
  for (const [id, reason] of skipped) byReason.set(reason, [...(byReason.get(reason) ?? []), id]);
  for (const [reason, ids] of byReason) {
    await db.update(sentEmails).set({ status: "skipped", lastError: reason, claimedAt: null }).where(inArray(sentEmails.id, ids));
  }
}

/** A failure: back to pending after an exponential delay, or `failed` once attempts run out. */
export async function recordFailure(db: Database, rows: SentEmail[], error: unknown, settings: DeliverySettings): Promise<void> {
  const message = describeError(error).slice(0, 500);
  const what = rows.length === 1 ? rows[0]!.idempotencyKey : `a batch of ${rows.length} (${rows[0]!.batchKey})`;
  log.error({ attempt: rows[0]!.attempts }, `delivery of ${what} failed: ${message}`);
  const attempts = rows[0]?.attempts ?? 1;
  for (const row of rows) metrics().emailsFailed.inc({ priority: row.priority, final: String(row.attempts >= settings.maxAttempts) });
  const finalRows = rows.filter((row) => row.attempts >= settings.maxAttempts).map((row) => row.id);
  const retryRows = rows.filter((row) => row.attempts < settings.maxAttempts).map((row) => row.id);
  if (finalRows.length > 0) await db.update(sentEmails).set({ status: "failed", lastError: message, claimedAt: null }).where(inArray(sentEmails.id, finalRows));
  if (retryRows.length > 0) {
    const nextAttemptAt = new Date(Date.now() + retryDelayMs(attempts, settings));
    await db.update(sentEmails).set({ status: "pending", lastError: message, claimedAt: null, nextAttemptAt }).where(inArray(sentEmails.id, retryRows));
  }
}
