import { minorUnitDigits } from "@/lib/money/money";

/**
 * "Cover the card fee": the donor adds what the card processor keeps, so the charity
 * receives the whole gift. With a fee of `percent` plus a fixed part, charging
 * total = (gift + fixed) / (1 − percent) leaves exactly the gift after the fee; rounding up
 * to the next minor unit never leaves the charity short.
 *
 * The estimate is Stripe's price for a domestic card on a US account: 2.9% + 30¢, or 2.2% + 30¢
 * with Stripe's nonprofit discount (STRIPE_PRICING=nonprofit, lib/payments/account-card-fee.ts).
 * The fixed part is 0.30 of the currency's major unit, which rounds to nothing in zero-decimal
 * currencies. How close this comes to the fee Stripe really takes (international cards, currency
 * conversion, bank debits) is measured in tests/unit/fee-cover-accuracy.test.ts and written up in
 * docs/giving-and-stripe.md ("Fees and net").
 */
export interface CardFeeRate {
  /** The percentage in basis points (290 = 2.9%). */
  basisPoints: number;
  /** The fixed part in hundredths of the currency's major unit (30 = 0.30). */
  fixedHundredths: number;
}

export const STANDARD_CARD_FEE: CardFeeRate = { basisPoints: 290, fixedHundredths: 30 };
export const NONPROFIT_CARD_FEE: CardFeeRate = { basisPoints: 220, fixedHundredths: 30 };

export function cardFeeRateFor(pricing: "standard" | "nonprofit"): CardFeeRate {
  return pricing === "nonprofit" ? NONPROFIT_CARD_FEE : STANDARD_CARD_FEE;
}

export function fixedCardFee(currency: string, rate: CardFeeRate = STANDARD_CARD_FEE): number {
  return fixedCardFeeInMinorUnits(minorUnitDigits(currency), rate);
}

function fixedCardFeeInMinorUnits(digits: number, rate: CardFeeRate): number {
  return digits >= 2 ? rate.fixedHundredths * 10 ** (digits - 2) : Math.floor(rate.fixedHundredths / 10 ** (2 - digits));
}

/** What covering the fee adds to `giftAmount` (minor units). Integer maths only. */
export function cardFeeCover(giftAmount: number, currency: string, rate: CardFeeRate = STANDARD_CARD_FEE): number {
  return cardFeeCoverInMinorUnits(giftAmount, minorUnitDigits(currency), rate);
}

/** cardFeeCover for a currency with `digits` minor-unit digits (the donation form in the browser knows them from the server). */
export function cardFeeCoverInMinorUnits(giftAmount: number, digits: number, rate: CardFeeRate = STANDARD_CARD_FEE): number {
  if (!Number.isSafeInteger(giftAmount) || giftAmount <= 0) return 0;
  const numerator = (giftAmount + fixedCardFeeInMinorUnits(digits, rate)) * 10_000;
  const denominator = 10_000 - rate.basisPoints;
  const total = Math.floor((numerator + denominator - 1) / denominator); // ceiling without float drift
  return total - giftAmount;
}
