import "server-only";
import { desc, gte } from "drizzle-orm";
import type Stripe from "stripe";
import type { Database } from "@/db/database";
import { unresolvableStripeEvents } from "@/db/schema";
import { deliverQueuedEmails, type DeliveryReport } from "@/lib/email/outbox";
import { HANDLED_EVENT_TYPES } from "./webhooks/handlers";
import { processStripeEvent } from "./webhooks/process-stripe-event";
import { describeError } from "@/lib/errors/describe-error";

export interface ReconcileReport {
  /** Events Stripe listed in the window. */
  listed: number;
  /** Of those, events that had been missed and are now handled. */
  processed: number;
  /** Of those, events an earlier delivery (webhook or reconcile) had already handled. */
  alreadyRecorded: number;
  /** Of those, events with nothing to record: about objects Lantern does not track, or that Stripe no longer has. */
  nothingToDo: number;
  failed: { eventId: string; type: string; error: string }[];
  /** Signed events about objects Stripe does not have, recorded in the window (acknowledged, never retried). */
  unresolvable: { eventId: string; type: string; objectId: string | null; reason: string; recordedAt: string }[];
  /** Campaigns whose figures changed. */
  campaignIds: string[];
  emails: DeliveryReport;
}

/**
 * Repairs anything the webhook endpoint missed (downtime, a secret rotated, a delivery Stripe
 * gave up on): lists the events Lantern handles from the last `days`, or from `since` (Stripe
 * keeps 30 days), and runs
 * each, oldest first, through the same processing as the webhook. Events already handled are
 * recognised by id and skipped, so it is safe to run at any time, repeatedly. Finally sends any
 * email still waiting in the outbox, and lists the events of the window that named objects
 * Stripe does not have (for a person to look at; they are never retried).
 */
export async function reconcileStripeEvents(db: Database, stripe: Stripe, options: { days?: number; now?: Date; since?: Date } = {}): Promise<ReconcileReport> {
  const since = options.since
    ? Math.floor(options.since.getTime() / 1000)
    : Math.floor((options.now ?? new Date()).getTime() / 1000) - (options.days ?? 3) * 86_400;
  const events: Stripe.Event[] = [];
  for await (const event of stripe.events.list({ types: HANDLED_EVENT_TYPES, created: { gte: since }, limit: 100 })) events.push(event);
  events.sort((a, b) => a.created - b.created); // Stripe lists newest first

  const report: ReconcileReport = {
    listed: events.length,
    processed: 0,
    alreadyRecorded: 0,
    nothingToDo: 0,
    failed: [],
    unresolvable: [],
    campaignIds: [],
    emails: { sent: 0, failed: 0 },
  };
  const campaigns = new Set<string>();
  for (const event of events) {
    try {
      const outcome = await processStripeEvent(db, stripe, event);
      if (outcome.status === "processed") report.processed += 1;
      else if (outcome.status === "duplicate") report.alreadyRecorded += 1;
      else report.nothingToDo += 1;
      outcome.campaignIds.forEach((id) => campaigns.add(id));
    } catch (error) {
      report.failed.push({ eventId: event.id, type: event.type, error: describeError(error) });
    }
  }
  report.campaignIds = [...campaigns];
  const unresolvable = await db
    .select()
    .from(unresolvableStripeEvents)
    .where(gte(unresolvableStripeEvents.recordedAt, new Date(since * 1000)))
    .orderBy(desc(unresolvableStripeEvents.recordedAt));
  report.unresolvable = unresolvable.map((row) => ({ ...row, recordedAt: row.recordedAt.toISOString() }));
  report.emails = await deliverQueuedEmails(db);
  return report;
}
