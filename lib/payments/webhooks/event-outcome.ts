import type Stripe from "stripe";
import type { Database, Executor } from "@/db/database";

/** What handling one Stripe event did, for the route to finish after the transaction commits. */
export interface EventOutcome {
  /**
   * processed: work committed with the event id; duplicate: an earlier delivery did it; ignored: not an
   * event (or object) Lantern acts on; unresolvable: Stripe says its object does not exist (recorded for reconcile).
   */
  status: "processed" | "duplicate" | "ignored" | "unresolvable";
  /** Campaigns whose public figures changed (their cached pages must be refreshed). */
  campaignIds: string[];
  /** Emails queued in the transaction, to deliver now that it committed. */
  emailKeys: string[];
}

export interface HandlerContext {
  db: Database;
  stripe: Stripe;
  event: Stripe.Event;
  /**
   * Runs `work` in one transaction that first records the event as processed and returns
   * what it returned. Returns null, without running `work`, when another delivery of the
   * event already committed; if `work` throws, the event stays unprocessed so Stripe's retry
   * does it again.
   */
  commit<T>(work: (tx: Executor) => Promise<T>): Promise<{ value: T } | null>;
}

export type EventHandler = (ctx: HandlerContext) => Promise<EventOutcome>;

export const NOTHING_CHANGED: Omit<EventOutcome, "status"> = { campaignIds: [], emailKeys: [] };

/** Marks an event processed with nothing else to do (a gift we don't track, a payment still pending). */
export async function acknowledge(ctx: HandlerContext): Promise<EventOutcome> {
  const done = await ctx.commit(async () => true);
  return { status: done ? "processed" : "duplicate", ...NOTHING_CHANGED };
}

/** The outcome of a commit that may have recorded a gift (null from recordGift: already recorded). */
export function giftOutcome(committed: { value: { campaignId: string; receiptKey: string; cardKey?: string | null } | null } | null): EventOutcome {
  if (committed === null) return { status: "duplicate", ...NOTHING_CHANGED };
  const gift = committed.value;
  return { status: "processed", campaignIds: gift ? [gift.campaignId] : [], emailKeys: gift ? [gift.receiptKey, ...(gift.cardKey ? [gift.cardKey] : [])] : [] };
}
