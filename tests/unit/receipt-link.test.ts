import { describe, expect, it } from "vitest";
import { receiptPath, receiptToken, verifyReceiptToken } from "@/lib/receipts/receipt-link";
import { formatReceiptNumber, receiptNumberOf, receiptYearOf } from "@/lib/receipts/receipt-number";

const GIFT = "0b6a4f4e-2a7c-4c53-9a57-3b2d2f8f3f0e";
const OTHER_GIFT = "9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f";

describe("receipt link", () => {
  const key = "k".repeat(44);
  it("opens the gift it was signed for", () => {
    expect(verifyReceiptToken(receiptToken(GIFT, key), key)).toBe(GIFT);
    expect(receiptPath(GIFT, key)).toBe(`/receipts/${receiptToken(GIFT, key)}`);
  });

  it.each([
    ["the bare gift id (guessable from nowhere, but never enough)", () => GIFT],
    ["another gift's id with this signature", () => receiptToken(GIFT, key).replace(GIFT, OTHER_GIFT)],
    ["a signature made with another key", () => receiptToken(GIFT, "o".repeat(44))],
    ["a manage-link style token", () => `cus_ABC123.${receiptToken(GIFT, key).split(".")[1]}`],
    ["a shortened signature", () => receiptToken(GIFT, key).slice(0, -1)],
    ["garbage", () => "<script>.x"],
  ])("refuses %s", (_label, token) => {
    expect(verifyReceiptToken(token(), key)).toBeNull();
  });
});

describe("receipt numbers", () => {
  it("read year-sequence with six digits, wider when a year needs it", () => {
    expect(formatReceiptNumber({ year: 2026, sequence: 42 })).toBe("2026-000042");
    expect(formatReceiptNumber({ year: 2026, sequence: 1_234_567 })).toBe("2026-1234567");
    expect(receiptNumberOf({ receiptYear: 2025, receiptSequence: 1 })).toBe("2025-000001");
    expect(receiptNumberOf({ receiptYear: null, receiptSequence: null })).toBeNull();
  });

  it("take the year in UTC (a gift at 23:30 on 31 December in New York belongs to the new year)", () => {
    expect(receiptYearOf(new Date("2025-12-31T23:59:59Z"))).toBe(2025);
    expect(receiptYearOf(new Date("2025-12-31T23:30:00-05:00"))).toBe(2026);
  });
});
