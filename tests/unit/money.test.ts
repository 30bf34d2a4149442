import { describe, expect, it } from "vitest";
import { formatMoney, isKnownCurrency, minorToDecimalString, minorUnitDigits, parseAmountToMinor } from "@/lib/money/money";

describe("money", () => {
  it("knows each currency's minor unit", () => {
    expect(minorUnitDigits("USD")).toBe(2);
    expect(minorUnitDigits("jpy")).toBe(0);
    expect(minorUnitDigits("KRW")).toBe(0);
    expect(minorUnitDigits("BHD")).toBe(3);
  });

  it.each([
    [5000, "USD", "$50"],
    [2550, "USD", "$25.50"],
    [123456789, "USD", "$1,234,567.89"],
    [5000, "JPY", "¥5,000"],
    [10000, "KRW", "₩10,000"],
    [1500, "EUR", "€15"],
  ])("formats %i %s as %s", (amount, currency, expected) => {
    expect(formatMoney(amount, currency)).toBe(expected);
  });

  it.each([
    ["25", "USD", 2500],
    ["25.5", "USD", 2550],
    [" 1,000.00 ", "USD", 100000],
    ["0.01", "USD", 1],
    ["5000", "JPY", 5000],
    ["5000.00", "JPY", 5000],
    ["0", "USD", 0],
  ])("parses %s %s as %i minor units", (input, currency, expected) => {
    expect(parseAmountToMinor(input, currency)).toBe(expected);
  });

  it.each(["abc", "", "-5", "1e3", "12.345", "5000.5"])("rejects %s", (input) => {
    const currency = input === "5000.5" ? "JPY" : "USD";
    expect(parseAmountToMinor(input, currency)).toBeNull();
  });

  it("writes minor units back as a decimal string", () => {
    expect(minorToDecimalString(2550, "USD")).toBe("25.50");
    expect(minorToDecimalString(5, "USD")).toBe("0.05");
    expect(minorToDecimalString(5000, "JPY")).toBe("5000");
  });

  it("recognises ISO currency codes", () => {
    expect(isKnownCurrency("usd")).toBe(true);
    expect(isKnownCurrency("XYZ")).toBe(false);
    expect(isKnownCurrency("US")).toBe(false);
  });
});
