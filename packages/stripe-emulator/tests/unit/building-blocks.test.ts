import { describe, expect, it } from "vitest";
import { parseForm } from "../../src/form-encoding";
import { formatAmount, parseMajorAmount } from "../../src/money";
import { addIntervals } from "../../src/time";
import { previousAttributes } from "../../src/diff";
import { evaluateCard } from "../../src/cards";

describe("form encoding", () => {
  it("decodes Stripe's bracket notation, long arrays included", () => {
    const body = Array.from({ length: 25 }, (_, index) => `line_items[${index}][price_data][product_data][name]=n${index}`).join("&");
    const parsed = parseForm(`${body}&expand[]=customer&expand[]=payment_intent&metadata[a]=1`);
    expect(Array.isArray(parsed.line_items)).toBe(true);
    expect((parsed.line_items as unknown[]).length).toBe(25);
    expect(parsed.expand).toEqual(["customer", "payment_intent"]);
    expect(parsed.metadata).toEqual({ a: "1" });
  });
});

describe("money", () => {
  it.each([
    [2500, "usd", "$25.00"],
    [5000, "jpy", "¥5,000"],
    [15000, "krw", "₩15,000"],
    [1234, "eur", "€12.34"],
    [1230, "kwd", "KWD 1.230"],
  ])("formats %i %s as %s", (amount, currency, text) => {
    expect(formatAmount(amount, currency).replace(/\u00a0/g, " ")).toBe(text);
  });

  it.each([
    ["15", "usd", 1500],
    ["15.5", "usd", 1550],
    ["1,000.00", "usd", 100000],
    ["$12.34", "usd", 1234],
    ["5000", "jpy", 5000],
    ["12.345", "usd", null],
    ["50.5", "jpy", null],
    ["abc", "usd", null],
    ["", "usd", null],
  ])("parses %s %s", (text, currency, minor) => {
    expect(parseMajorAmount(text, currency)).toBe(minor);
  });
});

describe("billing periods", () => {
  it("adds months to the anchor, clamping to the month's end", () => {
    const jan31 = Date.UTC(2026, 0, 31, 12) / 1000;
    expect(new Date(addIntervals(jan31, "month", 1, 1) * 1000).toISOString()).toBe("2026-02-28T12:00:00.000Z");
    expect(new Date(addIntervals(jan31, "month", 1, 2) * 1000).toISOString()).toBe("2026-03-31T12:00:00.000Z");
    expect(new Date(addIntervals(jan31, "year", 1, 1) * 1000).toISOString()).toBe("2027-01-31T12:00:00.000Z");
  });
});

describe("previous_attributes", () => {
  it("lists old values of what changed, nested hashes by changed key", () => {
    expect(
      previousAttributes(
        { a: 1, b: { c: 1, d: 2 }, items: { object: "list", data: [1] }, same: "x" },
        { a: 2, b: { c: 1, d: 3 }, items: { object: "list", data: [2] }, same: "x", added: true },
      ),
    ).toEqual({ a: 1, b: { d: 2 }, items: { data: [1] }, added: null });
  });
});

describe("test cards", () => {
  it("knows Stripe's numbers, ignoring spaces and dashes", () => {
    expect(evaluateCard("4242-4242-4242-4242", 0)).toMatchObject({ ok: true, card: { brand: "visa", last4: "4242" } });
    expect(evaluateCard("4000000000000002", 0)).toMatchObject({ ok: false, declineCode: "generic_decline" });
    expect(evaluateCard("5555 5555 5555 4444", 0)).toMatchObject({ ok: false, message: "Your card number is invalid." });
  });
});
