import "server-only";
import { and, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { Resend, type ErrorResponse } from "resend";
import { subscribers } from "@/db/schema";
import type { Database } from "@/db/database";
import { env } from "@/lib/env";
import { describeError } from "@/lib/errors/describe-error";
import { logger } from "@/lib/observability/logger";

const log = logger("subscribers");

/**
 * Mirrors confirmed subscribers into a Resend audience (now called a segment) so the
 * organisation can also send Resend Broadcasts. The database stays the source of truth: each row
 * records the state last pushed, and anything out of step is pushed again on the next run.
 */
export interface AudienceConfig {
  client: Resend;
  /** A Resend audience (segment) id. */
  audienceId: string;
}

let cachedClient: Resend | undefined;

/** Null unless both RESEND_API_KEY and RESEND_AUDIENCE_ID are set. */
export function audienceConfigFromEnv(): AudienceConfig | null {
  const { RESEND_API_KEY, RESEND_AUDIENCE_ID } = env();
  if (!RESEND_API_KEY || !RESEND_AUDIENCE_ID) return null;
  cachedClient ??= new Resend(RESEND_API_KEY);
  return { client: cachedClient, audienceId: RESEND_AUDIENCE_ID };
}

export interface AudienceSyncReport {
  synced: number;
  failed: number;
}

class ResendAudienceError extends Error {
  override name = "ResendAudienceError";
}

function isNotFound(error: ErrorResponse): boolean {
  return error.name === "not_found" || error.statusCode === 404;
}

function fail(step: string, error: ErrorResponse): never {
  throw new ResendAudienceError(`${step}: ${error.message}`);
}

/**
 * The SDK puts the address into the URL path as it is; a legal but unusual character (/ ? # %)
 * would change the path, so those are percent-encoded. Plain addresses pass unchanged.
 */
export function contactPathEmail(email: string): string {
  return email.replace(/[^A-Za-z0-9@._+-]/g, (character) => encodeURIComponent(character));
}

async function pushConfirmed({ client, audienceId }: AudienceConfig, rawEmail: string, firstName: string | null): Promise<void> {
  const email = contactPathEmail(rawEmail);
  const updated = await client.contacts.update({ email, unsubscribed: false, ...(firstName ? { firstName } : {}) });
  if (updated.error) {
    if (!isNotFound(updated.error)) fail("updating the contact", updated.error);
    const created = await client.contacts.create({ email: rawEmail, unsubscribed: false, ...(firstName ? { firstName } : {}), segments: [{ id: audienceId }] });
    if (created.error) fail("creating the contact", created.error);
    return;
  }
  const added = await client.contacts.segments.add({ email, segmentId: audienceId });
  if (added.error) fail("adding the contact to the audience", added.error);
}

async function pushUnsubscribed({ client, audienceId }: AudienceConfig, rawEmail: string): Promise<void> {
  const email = contactPathEmail(rawEmail);
  const updated = await client.contacts.update({ email, unsubscribed: true });
  if (updated.error) {
    if (isNotFound(updated.error)) return; // never reached Resend: nothing to undo
    fail("unsubscribing the contact", updated.error);
  }
  const removed = await client.contacts.segments.remove({ email, segmentId: audienceId });
  if (removed.error && !isNotFound(removed.error)) fail("removing the contact from the audience", removed.error);
}

/**
 * Deletes the contact from Resend altogether (a donor who asked to be forgotten,
 * lib/privacy/erase-donor.ts): unsubscribing would leave the address there. Not found is done.
 */
export async function forgetAudienceContact({ client }: AudienceConfig, rawEmail: string): Promise<void> {
  const removed = await client.contacts.remove({ email: contactPathEmail(rawEmail) });
  if (removed.error && !isNotFound(removed.error)) fail("deleting the contact", removed.error);
}

/**
 * Pushes every subscriber whose audience state is out of step (or just `subscriberIds`):
 * confirmed → subscribed and in the audience; unsubscribed or pending again → unsubscribed and
 * out of it. A failure is logged and left for the next run; it never throws.
 */
export async function syncSubscriberAudience(
  db: Database,
  config: AudienceConfig,
  options: { subscriberIds?: string[]; limit?: number; now?: Date } = {},
): Promise<AudienceSyncReport> {
  const outOfStep = or(
    and(eq(subscribers.status, "confirmed"), or(isNull(subscribers.audienceSyncedStatus), ne(subscribers.audienceSyncedStatus, "confirmed"))),
    and(ne(subscribers.status, "confirmed"), eq(subscribers.audienceSyncedStatus, "confirmed")),
  );
  const rows = await db
    .select({ id: subscribers.id, email: subscribers.email, firstName: subscribers.firstName, status: subscribers.status })
    .from(subscribers)
    .where(and(outOfStep, options.subscriberIds ? inArray(subscribers.id, options.subscriberIds) : undefined))
    .orderBy(sql`${subscribers.audienceSyncAttemptedAt} asc nulls first`, subscribers.updatedAt)
    .limit(options.limit ?? 100);

  const report: AudienceSyncReport = { synced: 0, failed: 0 };
  const keepUpdatedAt = { updatedAt: sql`${subscribers.updatedAt}` }; // a sync is not a change to the subscriber
  for (const row of rows) {
    const target = row.status === "confirmed" ? "confirmed" : "unsubscribed";
    const attemptedAt = options.now ?? new Date();
    try {
      if (target === "confirmed") await pushConfirmed(config, row.email, row.firstName);
      else await pushUnsubscribed(config, row.email);
      // Recorded only if the status is still what was pushed; otherwise the next run pushes again.
      await db
        .update(subscribers)
        .set({ audienceSyncedStatus: target, audienceSyncAttemptedAt: attemptedAt, ...keepUpdatedAt })
        .where(and(eq(subscribers.id, row.id), eq(subscribers.status, row.status)));
      report.synced += 1;
    } catch (error) {
      await db
        .update(subscribers)
        .set({ audienceSyncAttemptedAt: attemptedAt, ...keepUpdatedAt })
        .where(eq(subscribers.id, row.id));
      log.error({ subscriberId: row.id }, `Resend audience sync failed: ${describeError(error)}`);
      report.failed += 1;
    }
  }
  return report;
}
