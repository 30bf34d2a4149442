import { describe, expect, it } from "vitest";
import { cardFeeCover } from "@/lib/payments/card-fee";
import { parseDonationForm } from "@/lib/payments/donation-form";
import { donationAmountBounds } from "@/lib/payments/donation-amount-bounds";

/** Issue 23, finding 9: covering the card fee never takes a charge past DONATION_MAX_AMOUNT. */
describe("covering the card fee at the largest gift", () => {
  const usd = { currency: "USD" };
  const bounds = donationAmountBounds("USD", { min: 1, max: 100 }); // $100.00 at most

  it("refuses a gift whose total with the fee would pass the largest gift, saying why and what to do", () => {
    const result = parseDonationForm({ other_amount: "100", cover_fee: "on" }, usd, bounds);
    expect(result).toEqual({
      ok: false,
      errors: {
        amount: `With the card fee covered the total would be $103.30, more than the largest gift we can take online ($100). Choose a smaller amount or leave the card fee uncovered.`,
      },
    });
    expect(10_000 + cardFeeCover(10_000, "USD")).toBe(10_330);
  });

  it("takes the same gift without the fee, and a smaller one with it", () => {
    expect(parseDonationForm({ other_amount: "100" }, usd, bounds)).toMatchObject({ ok: true, request: { giftAmount: 10_000, feeCoveredAmount: 0 } });
    const smaller = parseDonationForm({ other_amount: "96", cover_fee: "on" }, usd, bounds);
    expect(smaller).toMatchObject({ ok: true, request: { giftAmount: 9_600 } });
    if (smaller.ok) expect(smaller.request.giftAmount + smaller.request.feeCoveredAmount).toBeLessThanOrEqual(bounds.max);
  });

  it("in a zero-decimal currency too", () => {
    const jpy = donationAmountBounds("JPY", { min: 1, max: 10_000 });
    expect(parseDonationForm({ other_amount: "10000", cover_fee: "on" }, { currency: "JPY" }, jpy)).toMatchObject({
      ok: false,
      errors: { amount: expect.stringContaining("With the card fee covered") },
    });
  });
});
