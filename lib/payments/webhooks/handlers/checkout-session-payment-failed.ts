import "server-only";
import type Stripe from "stripe";
import { acknowledge, type EventHandler } from "../event-outcome";

/**
 * checkout.session.async_payment_failed: a delayed payment (bank debit) did not go through.
 * Nothing was recorded for the session while it was unpaid, so there is nothing to undo;
 * the event is acknowledged and logged for staff.
 */
export const handleCheckoutSessionPaymentFailed: EventHandler = async (ctx) => {
  const session = ctx.event.data.object as Stripe.Checkout.Session;
  console.warn(`[payments] delayed payment failed for checkout session ${session.id}; no gift recorded`);
  return acknowledge(ctx);
};
