import { describe, expect, it } from "vitest";
import { disputeFee, feeParts, hundredthsIn, pricingPlanOf, processingFee } from "../../src/fees";

/** The fee table (src/fees.ts): Stripe's US pricing, the rounding, the caps and the currencies. */
describe("Stripe's fees for a US account", () => {
  it("cards: 2.9% + 30¢, rounded half up to the cent", () => {
    expect(processingFee({ method: "card", amount: 1000, currency: "usd" })).toBe(59);
    expect(processingFee({ method: "card", amount: 2606, currency: "usd" })).toBe(106); // 75.574 → 76
    expect(processingFee({ method: "card", amount: 10_000, currency: "usd" })).toBe(320);
    expect(processingFee({ method: "card", amount: 50, currency: "usd" })).toBe(31); // 1.45 → 1
    expect(processingFee({ method: "card", amount: 1724, currency: "usd" })).toBe(80); // 49.996 → 50
    expect(processingFee({ method: "card", amount: 1707, currency: "usd" })).toBe(80); // 49.503 → 50 (half up)
  });

  it("cards issued outside the US add 1.5%; a currency other than USD adds 1% conversion", () => {
    expect(processingFee({ method: "card", amount: 10_000, currency: "usd", cardCountry: "GB" })).toBe(470);
    expect(processingFee({ method: "card", amount: 10_000, currency: "usd", cardCountry: "us" })).toBe(320);
    expect(processingFee({ method: "card", amount: 10_000, currency: "eur" })).toBe(420);
    expect(processingFee({ method: "card", amount: 10_000, currency: "eur", cardCountry: "DE" })).toBe(570);
    expect(feeParts({ method: "card", amount: 10_000, currency: "eur", cardCountry: "DE" }).map((part) => part.description)).toEqual([
      "Card processing",
      "International card",
      "Currency conversion",
    ]);
  });

  it("the nonprofit plan: 2.2% + 30¢ for cards, the surcharges unchanged", () => {
    expect(processingFee({ method: "card", amount: 10_000, currency: "usd", plan: "nonprofit" })).toBe(250);
    expect(processingFee({ method: "card", amount: 10_000, currency: "usd", cardCountry: "GB", plan: "nonprofit" })).toBe(400);
    expect(pricingPlanOf("nonprofit")).toBe("nonprofit");
    expect(pricingPlanOf(undefined)).toBe("standard");
    expect(pricingPlanOf("anything")).toBe("standard");
  });

  it("bank debits: ACH 0.8% capped at $5; SEPA 0.8% capped at €5 plus 1% conversion", () => {
    expect(processingFee({ method: "us_bank_account", amount: 10_000, currency: "usd" })).toBe(80);
    expect(processingFee({ method: "us_bank_account", amount: 62_500, currency: "usd" })).toBe(500);
    expect(processingFee({ method: "us_bank_account", amount: 1_000_000, currency: "usd" })).toBe(500);
    expect(processingFee({ method: "us_bank_account", amount: 1000, currency: "usd", plan: "nonprofit" })).toBe(8);
    expect(processingFee({ method: "sepa_debit", amount: 10_000, currency: "eur" })).toBe(80 + 100);
    expect(processingFee({ method: "sepa_debit", amount: 1_000_000, currency: "eur" })).toBe(500 + 10_000);
  });

  it("fixed amounts keep their digits in the currency's major unit (0.30 JPY rounds to nothing)", () => {
    expect(hundredthsIn(30, "usd")).toBe(30);
    expect(hundredthsIn(30, "jpy")).toBe(0);
    expect(hundredthsIn(30, "bhd")).toBe(300);
    expect(processingFee({ method: "card", amount: 5000, currency: "jpy" })).toBe(195); // 3.9% of ¥5,000
    expect(disputeFee("usd")).toBe(1500);
    expect(disputeFee("jpy")).toBe(15);
  });
});
