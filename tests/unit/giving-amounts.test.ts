import { describe, expect, it } from "vitest";
import { cardFeeCover, fixedCardFee } from "@/lib/payments/card-fee";
import { donationAmountBounds } from "@/lib/payments/donation-amount-bounds";
import { decodeGiftMetadata, encodeGiftMetadata, feeCoveredPart, type GiftMetadata } from "@/lib/payments/gift-metadata";

describe("card fee cover", () => {
  it.each([
    // gift, currency, added: total = ceil((gift + fixed) / 0.971)
    [2500, "USD", 106], // $25 → $26.06
    [1000, "USD", 61], // $10 → $10.61
    [100, "USD", 34], // $1 → $1.34
    [10_000_000, "USD", 298_693], // $100,000 → $102,986.93
    [5000, "JPY", 150], // ¥5,000 → ¥5,150 (no fixed part in yen)
    [50, "JPY", 2],
    [10_000, "KRW", 299],
    [25_000, "BHD", 1056], // three decimals: fixed part is 0.300
  ])("covering the fee on %i %s adds %i", (gift, currency, added) => {
    expect(cardFeeCover(gift, currency)).toBe(added);
  });

  it("leaves the charity at least the whole gift after the processor's cut", () => {
    for (const [currency, gifts] of [
      ["USD", [100, 101, 999, 2500, 12_345, 99_999_999]],
      ["JPY", [50, 51, 777, 5000, 9_999_999]],
    ] as const) {
      for (const gift of gifts) {
        const total = gift + cardFeeCover(gift, currency);
        const processorCut = Math.round(total * 0.029) + fixedCardFee(currency);
        expect(total - processorCut).toBeGreaterThanOrEqual(gift);
        expect(total - processorCut - gift).toBeLessThanOrEqual(1); // and no more than a minor unit extra
      }
    }
  });

  it("adds nothing to a zero or invalid amount", () => {
    expect(cardFeeCover(0, "USD")).toBe(0);
    expect(cardFeeCover(-5, "USD")).toBe(0);
    expect(cardFeeCover(1.5, "USD")).toBe(0);
  });

  it("knows the fixed part per currency's minor unit", () => {
    expect(fixedCardFee("USD")).toBe(30);
    expect(fixedCardFee("JPY")).toBe(0);
    expect(fixedCardFee("BHD")).toBe(300);
  });
});

describe("donation amount bounds", () => {
  it("scales the configured bounds to the currency's minor unit", () => {
    expect(donationAmountBounds("USD")).toEqual({ min: 100, max: 10_000_000 });
    expect(donationAmountBounds("KRW")).toEqual({ min: 1, max: 100_000 });
    expect(donationAmountBounds("BHD")).toEqual({ min: 1000, max: 100_000_000 });
    expect(donationAmountBounds("usd", { min: 5, max: 500 })).toEqual({ min: 500, max: 50_000 });
  });

  it("never goes below Stripe's minimum charge", () => {
    expect(donationAmountBounds("JPY")).toEqual({ min: 50, max: 100_000 });
    expect(donationAmountBounds("MXN").min).toBe(1000);
  });
});

describe("gift metadata", () => {
  const gift: GiftMetadata = {
    campaignId: "7d8f8a52-4b8e-4c1c-9b7a-0d9f3c1e2a11",
    frequency: "monthly",
    giftAmount: 1000,
    feeCoveredAmount: 61,
    anonymous: true,
    dedication: { kind: "in_honour", name: "Ms. Park" },
    wantsUpdates: false,
    dedicationNotice: null,
    embed: null,
    embedPage: null,
  };

  it("survives the trip through Stripe metadata (strings only)", () => {
    const encoded = encodeGiftMetadata(gift);
    expect(Object.values(encoded).every((value) => typeof value === "string" && value.length <= 500)).toBe(true);
    expect(decodeGiftMetadata(encoded)).toEqual(gift);
    expect(decodeGiftMetadata(encodeGiftMetadata({ ...gift, dedication: null }))).toEqual({ ...gift, dedication: null });
    expect(decodeGiftMetadata(encodeGiftMetadata({ ...gift, wantsUpdates: true }))).toEqual({ ...gift, wantsUpdates: true });
    const notice = { email: "ms.park@example.org", name: "Ms. Park" };
    expect(decodeGiftMetadata(encodeGiftMetadata({ ...gift, dedicationNotice: notice }))).toEqual({ ...gift, dedicationNotice: notice });
    // A card needs a dedication to announce: without one, no address travels.
    expect(decodeGiftMetadata(encodeGiftMetadata({ ...gift, dedication: null, dedicationNotice: notice }))).toEqual({ ...gift, dedication: null });
    // Given through a widget on another site (lib/embed): the site, the widget and the page travel too.
    const embedded = { ...gift, embed: { origin: "https://www.example.org", kind: "button" as const }, embedPage: "https://www.example.org/blog/post" };
    expect(decodeGiftMetadata(encodeGiftMetadata(embedded))).toEqual(embedded);
    expect(decodeGiftMetadata({ ...encodeGiftMetadata(gift), embed_kind: "popup", embed_origin: "https://www.example.org" })).toBeNull();
  });

  it("does not claim metadata that is not Lantern's", () => {
    expect(decodeGiftMetadata(null)).toBeNull();
    expect(decodeGiftMetadata({ order: "42" })).toBeNull();
    expect(decodeGiftMetadata({ ...encodeGiftMetadata(gift), source: "shop" })).toBeNull();
    expect(decodeGiftMetadata({ ...encodeGiftMetadata(gift), gift_amount: "ten" })).toBeNull();
  });

  it("counts the fee cover only while the charge is still gift + cover", () => {
    expect(feeCoveredPart(gift, 1061)).toBe(61);
    expect(feeCoveredPart(gift, 2000)).toBe(0);
    expect(feeCoveredPart({ ...gift, feeCoveredAmount: 0 }, 1000)).toBe(0);
  });
});
