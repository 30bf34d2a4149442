import "server-only";
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { processedStripeEvents, unresolvableStripeEvents } from "@/db/schema";
import type { Database } from "@/db/database";
import { withLogContext } from "@/lib/observability/log-context";
import { logger } from "@/lib/observability/logger";
import { countAfterCommit, countWebhookEvent, countWebhookFailure } from "@/lib/observability/metrics";
import { NOTHING_CHANGED, type EventOutcome, type HandlerContext } from "./event-outcome";
import { stripeEventHandlers } from "./handlers";

/**
 * Handles one verified Stripe event exactly once in effect. The event id is written in the
 * same transaction as the work (see HandlerContext.commit), so a redelivery, a concurrent
 * delivery or a retry after a failure either finds the work done or does all of it.
 * Event types Lantern does not act on are acknowledged without writing anything.
 * An event whose object Stripe says does not exist (a 404 `resource_missing` on reading it back)
 * can never succeed: it is marked processed and recorded in unresolvable_stripe_events for the
 * reconcile report, so Stripe stops retrying it. Other errors propagate: the route answers 5xx
 * and Stripe delivers the event again.
 */
export function processStripeEvent(db: Database, stripe: Stripe, event: Stripe.Event): Promise<EventOutcome> {
  return withStripeEventLogContext(event, async () => {
    try {
      const outcome = await handleStripeEvent(db, stripe, event);
      countWebhookEvent({ type: event.type, createdSeconds: event.created }, outcome.status);
      // Redeliveries and events Lantern ignores are routine: visible at LOG_LEVEL=debug.
      const level = outcome.status === "processed" || outcome.status === "unresolvable" ? "info" : "debug";
      log[level]({ outcome: outcome.status, lagSeconds: Math.round(Date.now() / 1000 - event.created) }, "event handled");
      return outcome;
    } catch (error) {
      countWebhookFailure(event);
      throw error;
    }
  });
}

/**
 * Runs `work` with the event's id and type on every log line it writes (the handler's, the
 * gift's, the receipt's delivery), so one event's processing can be found with one query.
 */
export function withStripeEventLogContext<T>(event: Pick<Stripe.Event, "id" | "type">, work: () => T): T {
  return withLogContext({ stripeEventId: event.id, stripeEventType: event.type }, work);
}

const log = logger("webhooks");

async function handleStripeEvent(db: Database, stripe: Stripe, event: Stripe.Event): Promise<EventOutcome> {
  const handler = stripeEventHandlers[event.type];
  if (!handler) return { status: "ignored", ...NOTHING_CHANGED };

  // Cheap early exit for redeliveries; the insert in `commit` is what actually guarantees once.
  const [seen] = await db.select({ id: processedStripeEvents.eventId }).from(processedStripeEvents).where(eq(processedStripeEvents.eventId, event.id));
  if (seen) return { status: "duplicate", ...NOTHING_CHANGED };

  const ctx: HandlerContext = {
    db,
    stripe,
    event,
    // Gifts the transaction records are counted (metrics) once it has committed.
    commit: (work) =>
      countAfterCommit(() =>
        db.transaction(async (tx) => {
          const claimed = await tx
            .insert(processedStripeEvents)
            .values({ eventId: event.id, type: event.type })
            .onConflictDoNothing()
            .returning({ id: processedStripeEvents.eventId });
          if (claimed.length === 0) return null;
          return { value: await work(tx) };
        }),
      ),
  };
  try {
    return await handler(ctx);
  } catch (error) {
    const objectId = (event.data.object as { id?: unknown }).id;
    // Only the event's own object: a related object missing (say, a customer) may be a real
    // inconsistency worth retrying, and a real payment must never be skipped over it.
    if (!isMissingStripeObject(error) || typeof objectId !== "string" || !error.message.includes(objectId)) throw error;
    const recorded = await ctx.commit((tx) =>
      tx
        .insert(unresolvableStripeEvents)
        .values({ eventId: event.id, type: event.type, objectId, reason: error.message.slice(0, 500) })
        .onConflictDoNothing(),
    );
    return { status: recorded ? "unresolvable" : "duplicate", ...NOTHING_CHANGED };
  }
}

/** Stripe's answer for an id it does not know: 404 with code resource_missing. */
function isMissingStripeObject(error: unknown): error is Stripe.errors.StripeInvalidRequestError {
  return error instanceof Stripe.errors.StripeInvalidRequestError && (error.code === "resource_missing" || error.statusCode === 404);
}
