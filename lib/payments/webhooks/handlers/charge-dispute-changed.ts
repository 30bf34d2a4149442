import "server-only";
import type Stripe from "stripe";
import { recordDisputeStatus } from "@/lib/donations/payment-adjustments";
import { NOTHING_CHANGED, type EventHandler } from "../event-outcome";
import { idOf } from "../stripe-objects";

/**
 * charge.dispute.created / updated / closed: the gift keeps the dispute's current status
 * (needs_response, under_review, won, lost…) for staff to follow up. Read from Stripe now, so
 * the latest status wins whatever order the events arrive in.
 */
export const handleChargeDisputeChanged: EventHandler = async (ctx) => {
  const disputeId = (ctx.event.data.object as Stripe.Dispute).id;
  const dispute = await ctx.stripe.disputes.retrieve(disputeId);
  const chargeId = idOf(dispute.charge);
  const committed = await ctx.commit(async (tx) => {
    if (!chargeId) return 0;
    const matched = await recordDisputeStatus(tx, { chargeId, paymentIntentId: idOf(dispute.payment_intent) }, dispute.status);
    if (matched === 0) console.warn(`[payments] dispute ${dispute.id} matches no recorded gift; ignored`);
    return matched;
  });
  return { status: committed === null ? "duplicate" : "processed", ...NOTHING_CHANGED };
};
