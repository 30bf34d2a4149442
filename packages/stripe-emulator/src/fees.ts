import { currencyExponent } from "./money";

/**
 * Stripe's fees, as its published pay-as-you-go pricing for a **US account** sets them
 * (stripe.com/us/pricing; the table, its sources and what is assumed are in
 * docs/giving-and-stripe.md, "Fees and net"). One place, so the balance transactions of charges,
 * refunds and disputes and the tests that check Lantern's fee estimate read the same numbers.
 *
 * - Cards: 2.9% + 30¢ (eligible US nonprofits: 2.2% + 30¢), +1.5% for a card issued outside the
 *   US, +1% when the charge's currency is not the account's (USD) and Stripe converts it.
 * - ACH Direct Debit (`us_bank_account`): 0.8%, capped at $5.00.
 * - SEPA Direct Debit (`sepa_debit`): 0.8%, capped at €5.00 (+1% conversion: it is never USD).
 * - Refunds: no fee, and the payment's fee is not returned.
 * - Disputes: $15.00 withdrawn with the disputed amount, not returned when the dispute is won.
 *
 * Fixed amounts (30¢, $5, $15) are written in the charge's currency with the same digits in its
 * major unit (0.30 EUR, 5.00 EUR…), as Lantern's own estimate does (lib/payments/card-fee.ts):
 * the emulator keeps every balance transaction in the charge's currency (no exchange_rate), so a
 * campaign's figures stay in one currency. Rounding: each fee is rounded half up to the minor unit.
 */

export type PricingPlan = "standard" | "nonprofit";
export type FeeMethod = "card" | "us_bank_account" | "sepa_debit";

/** The account the emulator stands in for: a US business, paid out in US dollars. */
export const ACCOUNT_COUNTRY = "US";
export const ACCOUNT_CURRENCY = "usd";

/** Basis points (1/100 of a percent) and fixed parts in hundredths of the currency's major unit. */
export const FEE_TABLE = {
  card: { standardBasisPoints: 290, nonprofitBasisPoints: 220, fixedHundredths: 30, internationalBasisPoints: 150 },
  us_bank_account: { basisPoints: 80, capHundredths: 500 },
  sepa_debit: { basisPoints: 80, capHundredths: 500 },
  currencyConversionBasisPoints: 100,
  disputeHundredths: 1500,
} as const;

/** An amount written in hundredths of a major unit (30 → 0.30), in `currency`'s minor units. */
export function hundredthsIn(hundredths: number, currency: string): number {
  const digits = currencyExponent(currency);
  return digits >= 2 ? hundredths * 10 ** (digits - 2) : Math.floor(hundredths / 10 ** (2 - digits));
}

/** `amount` × basisPoints / 10 000, rounded half up, in integers only. */
function percentOf(amount: number, basisPoints: number): number {
  return Math.floor((amount * basisPoints + 5_000) / 10_000);
}

export interface FeeInput {
  method: FeeMethod;
  /** Minor units of `currency`. */
  amount: number;
  /** Lower case, as Stripe writes it. */
  currency: string;
  /** The card's issuing country (cards only); anything but US is international. */
  cardCountry?: string | null;
  plan?: PricingPlan;
}

export interface FeePart {
  description: string;
  basisPoints: number;
  /** Minor units. */
  fixed: number;
}

/** The parts of the fee that apply (for docs and tests), before rounding. */
export function feeParts(input: FeeInput): FeePart[] {
  const plan = input.plan ?? "standard";
  const currency = input.currency.toLowerCase();
  const parts: FeePart[] = [];
  if (input.method === "card") {
    const card = FEE_TABLE.card;
    parts.push({
      description: plan === "nonprofit" ? "Card processing (nonprofit rate)" : "Card processing",
      basisPoints: plan === "nonprofit" ? card.nonprofitBasisPoints : card.standardBasisPoints,
      fixed: hundredthsIn(card.fixedHundredths, currency),
    });
    if ((input.cardCountry ?? ACCOUNT_COUNTRY).toUpperCase() !== ACCOUNT_COUNTRY) {
      parts.push({ description: "International card", basisPoints: card.internationalBasisPoints, fixed: 0 });
    }
  } else {
    parts.push({
      description: input.method === "us_bank_account" ? "ACH Direct Debit" : "SEPA Direct Debit",
      basisPoints: FEE_TABLE[input.method].basisPoints,
      fixed: 0,
    });
  }
  if (currency !== ACCOUNT_CURRENCY) parts.push({ description: "Currency conversion", basisPoints: FEE_TABLE.currencyConversionBasisPoints, fixed: 0 });
  return parts;
}

/** Stripe's processing fee for a successful payment, in the payment's minor units. */
export function processingFee(input: FeeInput): number {
  const currency = input.currency.toLowerCase();
  const parts = feeParts(input);
  const basisPoints = parts.reduce((sum, part) => sum + part.basisPoints, 0);
  const fixed = parts.reduce((sum, part) => sum + part.fixed, 0);
  if (input.method === "card") return percentOf(input.amount, basisPoints) + fixed;
  // Bank debits: the debit's own percentage is capped; a conversion fee comes on top, uncapped.
  const own = Math.min(percentOf(input.amount, FEE_TABLE[input.method].basisPoints), hundredthsIn(FEE_TABLE[input.method].capHundredths, currency));
  const conversion = currency === ACCOUNT_CURRENCY ? 0 : percentOf(input.amount, FEE_TABLE.currencyConversionBasisPoints);
  return own + conversion;
}

/** Stripe's dispute (chargeback) fee, in the disputed charge's currency. */
export function disputeFee(currency: string): number {
  return hundredthsIn(FEE_TABLE.disputeHundredths, currency);
}

/** Reads the pricing plan from the environment (`STRIPE_PRICING=nonprofit`); standard otherwise. */
export function pricingPlanOf(value: string | undefined | null): PricingPlan {
  return value === "nonprofit" ? "nonprofit" : "standard";
}
