import "server-only";
import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { processedStripeEvents } from "@/db/schema";
import type { Database } from "@/db/database";
import { NOTHING_CHANGED, type EventOutcome, type HandlerContext } from "./event-outcome";
import { stripeEventHandlers } from "./handlers";

/**
 * Handles one verified Stripe event exactly once in effect. The event id is written in the
 * same transaction as the work (see HandlerContext.commit), so a redelivery, a concurrent
 * delivery or a retry after a failure either finds the work done or does all of it.
 * Event types Lantern does not act on are acknowledged without writing anything.
 * Errors propagate: the route answers 500 and Stripe delivers the event again.
 */
export async function processStripeEvent(db: Database, stripe: Stripe, event: Stripe.Event): Promise<EventOutcome> {
  const handler = stripeEventHandlers[event.type];
  if (!handler) return { status: "ignored", ...NOTHING_CHANGED };

  // Cheap early exit for redeliveries; the insert in `commit` is what actually guarantees once.
  const [seen] = await db.select({ id: processedStripeEvents.eventId }).from(processedStripeEvents).where(eq(processedStripeEvents.eventId, event.id));
  if (seen) return { status: "duplicate", ...NOTHING_CHANGED };

  const ctx: HandlerContext = {
    db,
    stripe,
    event,
    commit: (work) =>
      db.transaction(async (tx) => {
        const claimed = await tx
          .insert(processedStripeEvents)
          .values({ eventId: event.id, type: event.type })
          .onConflictDoNothing()
          .returning({ id: processedStripeEvents.eventId });
        if (claimed.length === 0) return null;
        return { value: await work(tx) };
      }),
  };
  return handler(ctx);
}
