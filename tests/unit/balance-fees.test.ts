import { describe, expect, it } from "vitest";
import { feeIn } from "@/lib/payments/webhooks/balance-fees";

/** A fee read from a balance transaction, in the gift's currency (lib/payments/webhooks/balance-fees.ts). */
describe("feeIn", () => {
  it("takes the fee as it is when the balance transaction is in the gift's currency", () => {
    expect(feeIn({ fee: 106, currency: "usd", exchange_rate: null }, "USD")).toBe(106);
    expect(feeIn({ fee: 420, currency: "eur", exchange_rate: null }, "EUR")).toBe(420);
  });

  it("turns a converted fee back with the exchange rate (payment currency × rate = balance currency)", () => {
    // €100 settled as $108.50 (rate 1.085): a $4.53 fee is €4.18 (4.53 / 1.085 = 4.175…).
    expect(feeIn({ fee: 453, currency: "usd", exchange_rate: 1.085 }, "EUR")).toBe(418);
    // ¥10,000 settled as $67.00 (rate 0.0067): a $2.24 fee is ¥334, minor units taken into account.
    expect(feeIn({ fee: 224, currency: "usd", exchange_rate: 0.0067 }, "JPY")).toBe(334);
  });
});
