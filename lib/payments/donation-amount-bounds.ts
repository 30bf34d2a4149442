import { minorUnitDigits } from "@/lib/money/money";

/**
 * The smallest and largest gift Lantern accepts, in minor units of a currency. The bounds are
 * configured in major units (DONATION_MIN_AMOUNT / DONATION_MAX_AMOUNT, default 1 and 100,000)
 * and scaled by the currency's minor unit, so "1" is 100 cents but 1 yen. The minimum is
 * raised to Stripe's own minimum charge where that is higher (¥50, 10 MXN…), so a gift we
 * accept is never refused at checkout.
 */
export interface AmountBounds {
  min: number;
  max: number;
}

/** Stripe's minimum charge amounts above one major unit, in minor units (stripe.com/docs/currencies#minimum-and-maximum-charge-amounts). */
const STRIPE_MINIMUM_CHARGE: Record<string, number> = {
  AED: 200,
  CZK: 1500,
  DKK: 250,
  HKD: 400,
  HUF: 17500,
  JPY: 50,
  MXN: 1000,
  MYR: 200,
  NOK: 300,
  PLN: 200,
  RON: 200,
  SEK: 300,
  THB: 1000,
};

export function donationAmountBounds(currency: string, configured: { min: number; max: number } = { min: 1, max: 100_000 }): AmountBounds {
  const code = currency.toUpperCase();
  const scale = 10 ** minorUnitDigits(code);
  const min = Math.max(Math.round(configured.min * scale), STRIPE_MINIMUM_CHARGE[code] ?? 1);
  const max = Math.round(configured.max * scale);
  return { min, max };
}

/** Longest name a gift can be dedicated to (shown on receipts). */
export const DEDICATION_NAME_MAX = 100;
