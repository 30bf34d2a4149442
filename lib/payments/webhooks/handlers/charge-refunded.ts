import "server-only";
import type Stripe from "stripe";
import { recordRefundedTotal } from "@/lib/donations/payment-adjustments";
import { decodeGiftMetadata } from "../../gift-metadata";
import { NOTHING_CHANGED, type EventHandler } from "../event-outcome";
import { idOf } from "../stripe-objects";

/**
 * charge.refunded: a full or partial refund (from the Stripe dashboard or the API). The gift's
 * refunded amount follows the charge's current refunded total, so campaign figures are net of
 * refunds. A refund for a Lantern gift not recorded yet fails, so Stripe retries after the gift
 * lands; a refund for anything else is acknowledged.
 */
export const handleChargeRefunded: EventHandler = async (ctx) => {
  const chargeId = (ctx.event.data.object as Stripe.Charge).id;
  const charge = await ctx.stripe.charges.retrieve(chargeId);
  const ref = { chargeId: charge.id, paymentIntentId: idOf(charge.payment_intent) };
  const committed = await ctx.commit(async (tx) => {
    const campaignIds = await recordRefundedTotal(tx, ref, charge.amount_refunded);
    if (campaignIds.length === 0 && decodeGiftMetadata(charge.metadata)) {
      throw new Error(`refund for charge ${charge.id} arrived before its gift was recorded`);
    }
    if (campaignIds.length === 0) console.warn(`[payments] refund for charge ${charge.id} matches no recorded gift; ignored`);
    return campaignIds;
  });
  if (committed === null) return { status: "duplicate", ...NOTHING_CHANGED };
  return { status: "processed", campaignIds: committed.value, emailKeys: [] };
};
