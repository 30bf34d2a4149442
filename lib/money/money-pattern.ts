import { minorUnitDigits } from "./money";

/**
 * How formatMoney writes amounts of one currency (en-US): the minor-unit digits and the text
 * around the number ("$", "CHF ", "CA$"). The server works it out with Intl and hands it to the
 * donation form, which then writes amounts with formatWithPattern: in the browser the first
 * `new Intl.NumberFormat` with a currency costs about 30 ms of main thread (ICU's currency data),
 * and the form would pay it while the page hydrates.
 */
export interface MoneyPattern {
  digits: number;
  prefix: string;
  suffix: string;
}

export function moneyPattern(currency: string): MoneyPattern {
  const parts = new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).formatToParts(1);
  const first = parts.findIndex((part) => part.type === "integer");
  const last = parts.findLastIndex((part) => part.type === "integer" || part.type === "decimal" || part.type === "fraction");
  const text = (from: number, to: number) =>
    parts
      .slice(from, to)
      .map((part) => part.value)
      .join("");
  return { digits: minorUnitDigits(currency), prefix: text(0, first), suffix: text(last + 1, parts.length) };
}

/** formatMoney(amount, currency, { showCents }) from the currency's pattern, without Intl: same text (tests/unit/money-pattern.test.ts). */
export function formatWithPattern(amount: number, pattern: MoneyPattern, options: { showCents?: boolean } = {}): string {
  const scale = 10 ** pattern.digits;
  const absolute = Math.abs(amount);
  const whole = Math.floor(absolute / scale);
  const fraction = absolute - whole * scale;
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const decimals = pattern.digits > 0 && (fraction > 0 || options.showCents) ? `.${String(fraction).padStart(pattern.digits, "0")}` : "";
  return `${amount < 0 ? "-" : ""}${pattern.prefix}${grouped}${decimals}${pattern.suffix}`;
}
