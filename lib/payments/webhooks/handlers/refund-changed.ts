import "server-only";
import type Stripe from "stripe";
import { acknowledge, type EventHandler } from "../event-outcome";
import { syncChargeRefunds } from "../charge-refunds";
import { idOf } from "../stripe-objects";

/**
 * charge.refund.updated / refund.updated / refund.failed: a refund changed status, most often
 * because the bank could not return the money (failed: Stripe puts the amount back in the
 * balance and lowers the charge's amount_refunded). The refund's charge never changes, so the
 * event's copy names it; the charge's refunds are then read again from Stripe and handled like
 * charge.refunded: the failed amount counts again, admins are told.
 */
export const handleRefundChanged: EventHandler = async (ctx) => {
  const chargeId = idOf((ctx.event.data.object as Stripe.Refund).charge);
  if (!chargeId) return acknowledge(ctx); // not a card payment's refund: nothing Lantern recorded
  return syncChargeRefunds(ctx, chargeId);
};
