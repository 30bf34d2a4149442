import { minorUnitDigits } from "@/lib/money/money";

/**
 * "Cover the card fee": the donor adds what the card processor keeps, so the charity
 * receives the whole gift. With a fee of `percent` plus a fixed part, charging
 * total = (gift + fixed) / (1 − percent) leaves exactly the gift after the fee; rounding up
 * to the next minor unit never leaves the charity short.
 *
 * Stripe's standard card pricing (2.9% + 30¢ in the US) is the estimate; the fixed part is
 * 0.30 of the currency's major unit, which rounds to nothing in zero-decimal currencies.
 */
const PERCENT_BASIS_POINTS = 290; // 2.9%
const FIXED_MAJOR_HUNDREDTHS = 30; // 0.30

export function fixedCardFee(currency: string): number {
  return fixedCardFeeInMinorUnits(minorUnitDigits(currency));
}

function fixedCardFeeInMinorUnits(digits: number): number {
  return digits >= 2 ? FIXED_MAJOR_HUNDREDTHS * 10 ** (digits - 2) : Math.floor(FIXED_MAJOR_HUNDREDTHS / 10 ** (2 - digits));
}

/** What covering the fee adds to `giftAmount` (minor units). Integer maths only. */
export function cardFeeCover(giftAmount: number, currency: string): number {
  return cardFeeCoverInMinorUnits(giftAmount, minorUnitDigits(currency));
}

/** cardFeeCover for a currency with `digits` minor-unit digits (the donation form in the browser knows them from the server). */
export function cardFeeCoverInMinorUnits(giftAmount: number, digits: number): number {
  if (!Number.isSafeInteger(giftAmount) || giftAmount <= 0) return 0;
  const numerator = (giftAmount + fixedCardFeeInMinorUnits(digits)) * 10_000;
  const denominator = 10_000 - PERCENT_BASIS_POINTS;
  const total = Math.floor((numerator + denominator - 1) / denominator); // ceiling without float drift
  return total - giftAmount;
}
