/**
 * "Donor covers the fee" (lib/payments/card-fee.ts) against the fee Stripe really takes (the
 * emulator's fee table, packages/stripe-emulator/src/fees.ts): for each way of paying, what the
 * organisation keeps of a covered gift, compared with the gift. Lantern's estimate is Stripe's
 * domestic card price, so it covers a US card exactly (never short, at most a cent over), falls
 * short on international cards and currency conversion, and over-covers a bank debit. The figures
 * are in docs/giving-and-stripe.md ("Fees and net").
 */
import { describe, expect, it } from "vitest";
import { processingFee, type FeeInput } from "@lantern/stripe-emulator/fees";
import { cardFeeCover, cardFeeRateFor } from "@/lib/payments/card-fee";

type Way = { name: string; currency: string } & Pick<FeeInput, "method" | "cardCountry">;
const WAYS: Way[] = [
  { name: "US card", method: "card", currency: "USD", cardCountry: "US" },
  { name: "international card", method: "card", currency: "USD", cardCountry: "GB" },
  { name: "US card, EUR gift (conversion)", method: "card", currency: "EUR", cardCountry: "US" },
  { name: "international card, EUR gift", method: "card", currency: "EUR", cardCountry: "DE" },
  { name: "ACH Direct Debit", method: "us_bank_account", currency: "USD" },
  { name: "SEPA Direct Debit", method: "sepa_debit", currency: "EUR" },
];
const GIFTS = [500, 1000, 2500, 5000, 10_000, 25_000, 100_000];

/** What the organisation keeps of a covered gift, minus the gift: negative = short, positive = over-covered. */
function coverGap(way: Way, gift: number, plan: "standard" | "nonprofit"): number {
  const total = gift + cardFeeCover(gift, way.currency, cardFeeRateFor(plan));
  const fee = processingFee({ method: way.method, amount: total, currency: way.currency.toLowerCase(), cardCountry: way.cardCountry ?? null, plan });
  return total - fee - gift;
}

describe("how close 'cover the fee' comes to Stripe's real fee", () => {
  for (const plan of ["standard", "nonprofit"] as const) {
    it(`${plan} pricing: a US card in USD is covered exactly (never short, at most one cent over)`, () => {
      for (const gift of GIFTS) {
        for (let offset = 0; offset < 300; offset += 7) {
          const gap = coverGap(WAYS[0]!, gift + offset, plan);
          expect(gap, `${gift + offset}`).toBeGreaterThanOrEqual(0);
          expect(gap, `${gift + offset}`).toBeLessThanOrEqual(1);
        }
      }
    });
  }

  it("the other ways of paying, per gift (minor units kept beyond the gift; negative = short)", () => {
    const table = Object.fromEntries(WAYS.map((way) => [way.name, GIFTS.map((gift) => coverGap(way, gift, "standard"))]));
    expect(table).toEqual({
      "US card": [0, 0, 0, 1, 0, 0, 0],
      "international card": [-8, -16, -39, -77, -155, -386, -1545],
      "US card, EUR gift (conversion)": [-5, -10, -26, -51, -103, -257, -1030],
      "international card, EUR gift": [-13, -26, -65, -129, -258, -644, -2575],
      // A bank debit costs far less than a card: covering a card fee gives the organisation more than the gift.
      "ACH Direct Debit": [42, 53, 85, 140, 247, 572, 2518],
      "SEPA Direct Debit": [37, 42, 59, 88, 144, 314, 1488],
    });
  });
});
