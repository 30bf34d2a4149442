import "server-only";
import type Stripe from "stripe";
import { acknowledge, type EventHandler } from "../event-outcome";
import { logger } from "@/lib/observability/logger";

const log = logger("payments");

/**
 * checkout.session.async_payment_failed: a delayed payment (bank debit) did not go through.
 * Nothing was recorded for the session while it was unpaid, so there is nothing to undo;
 * the event is acknowledged and logged for staff.
 */
export const handleCheckoutSessionPaymentFailed: EventHandler = async (ctx) => {
  const session = ctx.event.data.object as Stripe.Checkout.Session;
  log.warn({ checkoutSessionId: session.id }, "delayed payment failed; no gift recorded");
  return acknowledge(ctx);
};
