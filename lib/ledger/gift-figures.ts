import { willChargeAgain } from "./will-charge-again";

/**
 * What one gift row or one monthly gift adds to the ledger. Every writer computes the figures of
 * a row before and after its change and applies the difference, so the totals always equal the
 * sum over the rows (which `npm run ledger:verify` checks with SQL of its own).
 */

export interface GiftRowState {
  kind: "one_off" | "recurring";
  amount: number;
  refundedAmount: number;
  disputeStatus: string | null;
  /** Stripe's fees on the gift (payment, refunds, disputes): donations.fee_amount; 0 when absent. */
  feeAmount?: number;
  /** A voided offline gift (lib/donations/offline-gifts.ts) counts for nothing at all, not even gross. */
  voided?: boolean;
}

export interface GiftFigures {
  grossAmount: number;
  refundedAmount: number;
  disputeLostAmount: number;
  netAmount: number;
  /** Stripe's fees: what the organisation received is netAmount − feeAmount ("net after fees"). */
  feeAmount: number;
  /** 1 while something of the gift is kept (not fully refunded, no dispute lost). */
  giftCount: number;
  oneOffAmount: number;
  oneOffCount: number;
  monthlyAmount: number;
  monthlyCount: number;
}

export const NO_GIFT: GiftFigures = {
  grossAmount: 0,
  refundedAmount: 0,
  disputeLostAmount: 0,
  netAmount: 0,
  feeAmount: 0,
  giftCount: 0,
  oneOffAmount: 0,
  oneOffCount: 0,
  monthlyAmount: 0,
  monthlyCount: 0,
};

/** A lost dispute takes back what was not already refunded (Stripe cannot dispute a refunded amount). */
export function giftFigures(gift: GiftRowState | null): GiftFigures {
  if (!gift || gift.voided) return NO_GIFT;
  const lost = gift.disputeStatus === "lost" ? gift.amount - gift.refundedAmount : 0;
  const net = gift.amount - gift.refundedAmount - lost;
  const kept = net > 0 ? 1 : 0;
  const oneOff = gift.kind === "one_off";
  return {
    grossAmount: gift.amount,
    refundedAmount: gift.refundedAmount,
    disputeLostAmount: lost,
    netAmount: net,
    feeAmount: gift.feeAmount ?? 0,
    giftCount: kept,
    oneOffAmount: oneOff ? net : 0,
    oneOffCount: oneOff ? kept : 0,
    monthlyAmount: oneOff ? 0 : net,
    monthlyCount: oneOff ? 0 : kept,
  };
}

export function figuresDelta(before: GiftFigures, after: GiftFigures): GiftFigures {
  const delta = { ...NO_GIFT };
  for (const key of Object.keys(delta) as (keyof GiftFigures)[]) delta[key] = after[key] - before[key];
  return delta;
}

export function isZero(figures: GiftFigures): boolean {
  return Object.values(figures).every((value) => value === 0);
}

/**
 * A recurring gift counts only while Stripe will charge it again (willChargeAgain): a monthly one
 * toward MRR and active monthly donors, a yearly one toward the yearly gifts and their amount.
 */
export interface RecurringGiftRowState {
  campaignId: string;
  currency: string;
  donorId: string;
  amount: number;
  /** "month" or "year". */
  interval: string;
  status: string;
  cancelAtPeriodEnd: boolean;
  cancelAt: Date | null;
  pausedUntil: Date | null;
}

export function isActiveRecurring(gift: RecurringGiftRowState | null): gift is RecurringGiftRowState {
  return gift !== null && willChargeAgain(gift);
}
