import { describe, expect, it } from "vitest";
import { formatMoney } from "@/lib/money/money";
import { formatWithPattern, moneyPattern } from "@/lib/money/money-pattern";

// Amounts around every boundary that matters: cents, thousands separators, the safe-integer range.
const AMOUNTS = [
  0, 1, 5, 9, 10, 99, 100, 101, 105, 999, 1000, 1005, 1050, 2550, 9999, 10000, 100000, 123456, 1000000, 123456789, 9007199254740, -1, -2550, -123456,
];

describe("money pattern (the donation form's formatting without Intl)", () => {
  it("writes every currency Intl knows exactly as formatMoney does", () => {
    for (const currency of Intl.supportedValuesOf("currency")) {
      const pattern = moneyPattern(currency);
      for (const amount of AMOUNTS) {
        for (const showCents of [false, true]) {
          expect(formatWithPattern(amount, pattern, { showCents }), `${amount} ${currency} showCents=${showCents}`).toBe(
            formatMoney(amount, currency, { showCents }),
          );
        }
      }
    }
  });

  it("matches formatMoney for every cent up to $200 and every 7th yen up to ¥100,000", () => {
    const usd = moneyPattern("USD");
    for (let cents = 0; cents <= 20_000; cents++)
      expect(formatWithPattern(cents, usd, { showCents: cents % 2 === 0 })).toBe(formatMoney(cents, "USD", { showCents: cents % 2 === 0 }));
    const jpy = moneyPattern("jpy");
    for (let yen = 0; yen <= 100_000; yen += 7) expect(formatWithPattern(yen, jpy)).toBe(formatMoney(yen, "JPY"));
  });

  it("keeps the currency's minor unit and the text around the number", () => {
    expect(moneyPattern("USD")).toEqual({ digits: 2, prefix: "$", suffix: "" });
    expect(moneyPattern("BHD").digits).toBe(3);
    expect(moneyPattern("CHF")).toEqual({ digits: 2, prefix: "CHF\u00a0", suffix: "" });
    expect(formatWithPattern(123456, moneyPattern("BHD"), { showCents: true })).toBe("BHD\u00a0123.456");
  });
});
