import "server-only";
import { eq, or } from "drizzle-orm";
import { donations } from "@/db/schema";
import type { Executor } from "@/db/database";
import { applyGiftChange } from "@/lib/ledger/apply-ledger-change";
import { giftFeeTotal } from "./gift-fees";
import { settleMatch } from "./gift-match";

/** Which recorded payment a Stripe charge belongs to: by its PaymentIntent, or the charge itself. */
export interface ChargeRef {
  chargeId: string;
  paymentIntentId: string | null;
}

function matching(ref: ChargeRef) {
  return ref.paymentIntentId
    ? or(eq(donations.stripePaymentIntentId, ref.paymentIntentId), eq(donations.stripeChargeId, ref.chargeId))
    : eq(donations.stripeChargeId, ref.chargeId);
}

export type LockedGift = typeof donations.$inferSelect;

/**
 * Locks the gifts a charge belongs to, lets `change` say their new refund and dispute state,
 * writes it and moves the ledger totals by the difference, all in the caller's transaction.
 * The lock makes concurrent refund and dispute events for one gift take turns, so each
 * computes its difference from what the previous one committed.
 */
export async function adjustGifts(
  tx: Executor,
  ref: ChargeRef,
  change: (gift: LockedGift) => { refundedAmount: number; disputeStatus: string | null } | Promise<{ refundedAmount: number; disputeStatus: string | null }>,
): Promise<LockedGift[]> {
  const locked = await tx.select().from(donations).where(matching(ref)).for("update");
  for (const gift of locked) {
    const next = await change(gift);
    // What the refund or lost dispute takes back, the sponsor no longer matches (lib/donations/gift-match.ts).
    const matchedAmount = await settleMatch(tx, gift, { amount: gift.amount, feeCoveredAmount: gift.feeCoveredAmount, ...next });
    const stripeChargeId = gift.stripeChargeId ?? ref.chargeId;
    // Refund and dispute rows are written before this (by `change`, or recordDispute): the gift's fees follow them.
    const feeAmount = await giftFeeTotal(tx, { ...gift, stripeChargeId });
    await tx
      .update(donations)
      .set({ refundedAmount: next.refundedAmount, disputeStatus: next.disputeStatus, matchedAmount, stripeChargeId, feeAmount })
      .where(eq(donations.id, gift.id));
    await applyGiftChange(tx, { campaignId: gift.campaignId, currency: gift.currency, donorId: gift.donorId, paidAt: gift.paidAt }, gift, {
      kind: gift.kind,
      amount: gift.amount,
      ...next,
      feeAmount,
    });
  }
  return locked;
}

/**
 * Records a dispute's current status on the gift it disputes; a dispute lost takes the gift's
 * remaining amount out of the campaign's net total ("lost to disputes"), and one reversed
 * (e.g. lost → won after an appeal) puts it back. Returns the matched gifts. Called through
 * recordDispute (payment-disputes.ts), which stores the dispute first.
 */
export async function recordDisputeStatus(tx: Executor, ref: ChargeRef, status: string): Promise<{ id: string; campaignId: string }[]> {
  const gifts = await adjustGifts(tx, ref, (gift) => ({ refundedAmount: gift.refundedAmount, disputeStatus: status }));
  return gifts.map((gift) => ({ id: gift.id, campaignId: gift.campaignId }));
}
