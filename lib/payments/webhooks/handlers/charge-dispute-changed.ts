import "server-only";
import type Stripe from "stripe";
import { recordDisputeStatus } from "@/lib/donations/payment-adjustments";
import { NOTHING_CHANGED, type EventHandler } from "../event-outcome";
import { idOf } from "../stripe-objects";

/**
 * charge.dispute.created / updated / closed: the gift keeps the dispute's current status
 * (needs_response, under_review, won, lost…) for staff to follow up; a lost dispute comes off
 * the campaign's net total. Read from Stripe now, so the latest status wins whatever order the
 * events arrive in.
 */
export const handleChargeDisputeChanged: EventHandler = async (ctx) => {
  const disputeId = (ctx.event.data.object as Stripe.Dispute).id;
  const dispute = await ctx.stripe.disputes.retrieve(disputeId);
  const chargeId = idOf(dispute.charge);
  const committed = await ctx.commit(async (tx) => {
    if (!chargeId) return [];
    const campaignIds = await recordDisputeStatus(tx, { chargeId, paymentIntentId: idOf(dispute.payment_intent) }, dispute.status);
    if (campaignIds.length === 0) console.warn(`[payments] dispute ${dispute.id} matches no recorded gift; ignored`);
    return campaignIds;
  });
  if (committed === null) return { status: "duplicate", ...NOTHING_CHANGED };
  return { status: "processed", campaignIds: committed.value, emailKeys: [] };
};
