import { describe, expect, it } from "vitest";
import { chargeSettlement, disputeCounteredFee, disputeFee, feeParts, pricingPlanOf, processingFee, toSettlement } from "../../src/fees";

/** The fee table (src/fees.ts): Stripe's US pricing, the rounding, the caps, the conversion to USD. */
describe("Stripe's fees for a US account", () => {
  it("cards: 2.9% + 30¢, rounded half up to the cent", () => {
    expect(processingFee({ method: "card", amount: 1000, currency: "usd" })).toBe(59);
    expect(processingFee({ method: "card", amount: 2606, currency: "usd" })).toBe(106); // 75.574 → 76
    expect(processingFee({ method: "card", amount: 10_000, currency: "usd" })).toBe(320);
    expect(processingFee({ method: "card", amount: 50, currency: "usd" })).toBe(31); // 1.45 → 1
    expect(processingFee({ method: "card", amount: 1724, currency: "usd" })).toBe(80); // 49.996 → 50
    expect(processingFee({ method: "card", amount: 1707, currency: "usd" })).toBe(80); // 49.503 → 50 (half up)
  });

  it("cards issued outside the US add 1.5%", () => {
    expect(processingFee({ method: "card", amount: 10_000, currency: "usd", cardCountry: "GB" })).toBe(470);
    expect(processingFee({ method: "card", amount: 10_000, currency: "usd", cardCountry: "us" })).toBe(320);
  });

  it("another currency is converted to USD at the test rate; the fee is on the USD amount, +1% conversion, 30¢ fixed", () => {
    // €100 at 1.08 = $108.00; 3.9% of it = $4.212 → $4.21, + $0.30.
    expect(chargeSettlement({ method: "card", amount: 10_000, currency: "eur" })).toEqual({ currency: "usd", amount: 10_800, exchangeRate: 1.08, fee: 451 });
    // A German card: 5.4% of $108.00 = $5.832 → $5.83, + $0.30.
    expect(processingFee({ method: "card", amount: 10_000, currency: "eur", cardCountry: "DE" })).toBe(613);
    expect(feeParts({ method: "card", amount: 10_000, currency: "eur", cardCountry: "DE" }).map((part) => part.description)).toEqual([
      "Card processing",
      "International card",
      "Currency conversion",
    ]);
    // £25 at 1.27 = $31.75; 3.9% = $1.23825 → $1.24, + $0.30.
    expect(chargeSettlement({ method: "card", amount: 2500, currency: "gbp" })).toEqual({ currency: "usd", amount: 3175, exchangeRate: 1.27, fee: 154 });
  });

  it("conversion rounds half up to the cent, keeps the sign, and handles zero- and three-decimal currencies", () => {
    expect(toSettlement(2500, "usd")).toEqual({ currency: "usd", amount: 2500, exchangeRate: null });
    expect(toSettlement(-2500, "eur")).toEqual({ currency: "usd", amount: -2700, exchangeRate: 1.08 });
    expect(toSettlement(1, "eur").amount).toBe(1); // 1.08¢ → 1¢
    expect(toSettlement(5000, "jpy")).toEqual({ currency: "usd", amount: 3350, exchangeRate: 0.0067 }); // ¥5,000 → $33.50
    expect(toSettlement(10_000, "bhd").amount).toBe(2650); // 10.000 BHD → $26.50
    expect(toSettlement(10_000, "xcd").amount).toBe(10_000); // not listed: parity
  });

  it("the nonprofit plan: 2.2% + 30¢ for cards, the surcharges unchanged", () => {
    expect(processingFee({ method: "card", amount: 10_000, currency: "usd", plan: "nonprofit" })).toBe(250);
    expect(processingFee({ method: "card", amount: 10_000, currency: "usd", cardCountry: "GB", plan: "nonprofit" })).toBe(400);
    expect(pricingPlanOf("nonprofit")).toBe("nonprofit");
    expect(pricingPlanOf(undefined)).toBe("standard");
    expect(pricingPlanOf("anything")).toBe("standard");
  });

  it("bank debits: ACH 0.8% capped at $5; SEPA 0.8% of the USD amount capped at $5, plus 1% conversion", () => {
    expect(processingFee({ method: "us_bank_account", amount: 10_000, currency: "usd" })).toBe(80);
    expect(processingFee({ method: "us_bank_account", amount: 62_500, currency: "usd" })).toBe(500);
    expect(processingFee({ method: "us_bank_account", amount: 1_000_000, currency: "usd" })).toBe(500);
    expect(processingFee({ method: "us_bank_account", amount: 1000, currency: "usd", plan: "nonprofit" })).toBe(8);
    // €100 → $108.00: 0.8% = 86¢, + 1% = $1.08.
    expect(chargeSettlement({ method: "sepa_debit", amount: 10_000, currency: "eur" })).toEqual({
      currency: "usd",
      amount: 10_800,
      exchangeRate: 1.08,
      fee: 86 + 108,
    });
    expect(processingFee({ method: "sepa_debit", amount: 1_000_000, currency: "eur" })).toBe(500 + 10_800);
  });

  it("disputes: $15 received, $15 more when countered, in US cents whatever the charge's currency", () => {
    expect(disputeFee()).toBe(1500);
    expect(disputeCounteredFee()).toBe(1500);
  });
});
