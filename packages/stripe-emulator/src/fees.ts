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
 * - SEPA Direct Debit (`sepa_debit`): 0.8%, capped at $5.00, +1% conversion (it is never USD).
 * - Refunds: no fee, and the payment's fee is not returned.
 * - Disputes: $15.00 withdrawn with the disputed amount, not returned when the dispute is won;
 *   $15.00 more ("dispute countered fee") when evidence is submitted, returned if it is won.
 *
 * The account settles in US dollars, as a real US account does: a charge in another currency is
 * converted at the emulator's test rate (USD_PER_UNIT below), its balance transaction is in USD
 * with `exchange_rate`, and every fee is computed on the converted amount with its fixed parts
 * in US cents. Rounding: each fee and each conversion is rounded half up to the minor unit.
 */

export type PricingPlan = "standard" | "nonprofit";
export type FeeMethod = "card" | "us_bank_account" | "sepa_debit";

/** The account the emulator stands in for: a US business, paid out in US dollars. */
export const ACCOUNT_COUNTRY = "US";
export const ACCOUNT_CURRENCY = "usd";

/** Basis points (1/100 of a percent) and fixed parts in US cents (the account's currency). */
export const FEE_TABLE = {
  card: { standardBasisPoints: 290, nonprofitBasisPoints: 220, fixedCents: 30, internationalBasisPoints: 150 },
  us_bank_account: { basisPoints: 80, capCents: 500 },
  sepa_debit: { basisPoints: 80, capCents: 500 },
  currencyConversionBasisPoints: 100,
  disputeCents: 1500,
  disputeCounteredCents: 1500,
} as const;

/**
 * The emulator's exchange rates: US dollars per major unit of a currency, in millionths. Fixed
 * test rates (roughly the market's in late 2025), so a run is reproducible; Stripe's real rate
 * moves through the day. A currency not listed converts at parity (1.00), which only a test of
 * an exotic currency would notice.
 */
export const USD_PER_UNIT: Readonly<Record<string, number>> = {
  eur: 1_080_000,
  gbp: 1_270_000,
  cad: 730_000,
  aud: 660_000,
  nzd: 600_000,
  chf: 1_130_000,
  sek: 95_000,
  nok: 93_000,
  dkk: 145_000,
  pln: 250_000,
  czk: 43_000,
  huf: 2_800,
  jpy: 6_700,
  krw: 750,
  inr: 12_000,
  mxn: 58_000,
  brl: 200_000,
  sgd: 740_000,
  hkd: 128_000,
  zar: 54_000,
  bhd: 2_650_000,
};

/** Half up, for a non-negative BigInt numerator and positive denominator. */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** `amount` × basisPoints / 10 000, rounded half up, in integers only. */
function percentOf(amount: number, basisPoints: number): number {
  return Math.floor((amount * basisPoints + 5_000) / 10_000);
}

export interface Settlement {
  /** The account's currency (lower case). */
  currency: string;
  /** Minor units of `currency`; the sign of the amount converted. */
  amount: number;
  /** Stripe's `exchange_rate` (major unit of the charge's currency × rate = major unit of the balance's), null when nothing was converted. */
  exchangeRate: number | null;
}

/** An amount in `currency` as it reaches the account's balance: converted to USD at the test rate unless it is USD already. */
export function toSettlement(amount: number, currency: string): Settlement {
  const from = currency.toLowerCase();
  if (from === ACCOUNT_CURRENCY) return { currency: ACCOUNT_CURRENCY, amount, exchangeRate: null };
  const micros = USD_PER_UNIT[from] ?? 1_000_000;
  const numerator = BigInt(Math.abs(amount)) * BigInt(micros) * 10n ** BigInt(currencyExponent(ACCOUNT_CURRENCY));
  const denominator = 10n ** BigInt(currencyExponent(from)) * 1_000_000n;
  const settled = Number(divideHalfUp(numerator, denominator));
  return { currency: ACCOUNT_CURRENCY, amount: amount < 0 ? -settled : settled, exchangeRate: micros / 1_000_000 };
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
  /** Minor units of the account's currency (US cents). */
  fixed: number;
}

/** The parts of the fee that apply (for docs and tests), before rounding; percentages apply to the settled amount. */
export function feeParts(input: FeeInput): FeePart[] {
  const plan = input.plan ?? "standard";
  const currency = input.currency.toLowerCase();
  const parts: FeePart[] = [];
  if (input.method === "card") {
    const card = FEE_TABLE.card;
    parts.push({
      description: plan === "nonprofit" ? "Card processing (nonprofit rate)" : "Card processing",
      basisPoints: plan === "nonprofit" ? card.nonprofitBasisPoints : card.standardBasisPoints,
      fixed: card.fixedCents,
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

export interface ChargeSettlement extends Settlement {
  /** Stripe's fee, in minor units of the account's currency. */
  fee: number;
}

/** A successful payment as it reaches the balance: the settled amount, the rate, and Stripe's fee on it (all in USD). */
export function chargeSettlement(input: FeeInput): ChargeSettlement {
  const settlement = toSettlement(input.amount, input.currency);
  const parts = feeParts(input);
  if (input.method === "card") {
    const basisPoints = parts.reduce((sum, part) => sum + part.basisPoints, 0);
    const fixed = parts.reduce((sum, part) => sum + part.fixed, 0);
    return { ...settlement, fee: percentOf(settlement.amount, basisPoints) + fixed };
  }
  // Bank debits: the debit's own percentage is capped; a conversion fee comes on top, uncapped.
  const own = Math.min(percentOf(settlement.amount, FEE_TABLE[input.method].basisPoints), FEE_TABLE[input.method].capCents);
  const conversion = settlement.exchangeRate === null ? 0 : percentOf(settlement.amount, FEE_TABLE.currencyConversionBasisPoints);
  return { ...settlement, fee: own + conversion };
}

/** Stripe's processing fee for a successful payment, in minor units of the account's currency (US cents). */
export function processingFee(input: FeeInput): number {
  return chargeSettlement(input).fee;
}

/** Stripe's dispute fee ("dispute received"), in US cents whatever the charge's currency. */
export function disputeFee(): number {
  return FEE_TABLE.disputeCents;
}

/** Stripe's "dispute countered fee", charged when evidence is submitted and returned when the dispute is won, in US cents. */
export function disputeCounteredFee(): number {
  return FEE_TABLE.disputeCounteredCents;
}

/** Reads the pricing plan from the environment (`STRIPE_PRICING=nonprofit`); standard otherwise. */
export function pricingPlanOf(value: string | undefined | null): PricingPlan {
  return value === "nonprofit" ? "nonprofit" : "standard";
}
