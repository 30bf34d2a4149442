/**
 * Money is an integer amount in the currency's minor unit plus an ISO 4217 code. The number of
 * minor-unit digits comes from Intl (USD 2, JPY 0, KRW 0, BHD 3), never from a hard-coded list.
 */
export interface Money {
  amount: number;
  currency: string;
}

const digitsCache = new Map<string, number>();

export function minorUnitDigits(currency: string): number {
  const code = currency.toUpperCase();
  let digits = digitsCache.get(code);
  if (digits === undefined) {
    digits = new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(code, digits);
  }
  return digits;
}

export function isKnownCurrency(currency: string): boolean {
  if (!/^[A-Za-z]{3}$/.test(currency)) return false;
  return Intl.supportedValuesOf("currency").includes(currency.toUpperCase());
}

const formatterCache = new Map<string, Intl.NumberFormat>();

/** "$1,234.50", "¥5,000". Whole amounts drop the ".00" unless `showCents` is set. */
export function formatMoney(amount: number, currency: string, options: { locale?: string; showCents?: boolean } = {}): string {
  const digits = minorUnitDigits(currency);
  const major = amount / 10 ** digits;
  const whole = Number.isInteger(major);
  const locale = options.locale ?? "en-US";
  const code = currency.toUpperCase();
  const minimumFractionDigits = whole && !options.showCents ? 0 : digits;
  // A formatter takes far longer to make than to use (every receipt formats several amounts).
  const key = `${locale}|${code}|${minimumFractionDigits}`;
  let format = formatterCache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency: code, minimumFractionDigits, maximumFractionDigits: digits });
    if (formatterCache.size < 1000) formatterCache.set(key, format);
  }
  return format.format(major);
}

/**
 * A comma is read only as a thousands separator, in groups of three after the first
 * ("1,000", "12,345.50"). Anything else ("2,50", "1,5", "1,00,000") is refused rather than
 * guessed at: dropping the comma turned "2,50" (a decimal comma) into 250.
 */
const THOUSANDS_GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

/** True when `input` has a comma that is not a thousands separator (the form explains why). */
export function hasMisplacedComma(input: string): boolean {
  const trimmed = input.trim();
  return trimmed.includes(",") && !THOUSANDS_GROUPED.test(trimmed);
}

/**
 * Parses what a person typed ("25", "25.5", "1,000.00") into minor units for `currency`.
 * Returns null for anything that is not a plain non-negative amount with at most the
 * currency's number of decimals, or that uses a comma other than between thousands.
 * Works on the decimal string, so no float rounding creeps in.
 */
export function parseAmountToMinor(input: string, currency: string): number | null {
  return parseAmountInMinorUnits(input, minorUnitDigits(currency));
}

/** parseAmountToMinor for a currency with `digits` minor-unit digits (the browser's form knows them from the server, see money-pattern.ts). */
export function parseAmountInMinorUnits(input: string, digits: number): number | null {
  const trimmed = input.trim();
  if (hasMisplacedComma(trimmed)) return null;
  const cleaned = trimmed.replace(/,/g, "");
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return null;
  const [, wholePart = "", fractionPart = ""] = match;
  if (fractionPart.length > digits && /[1-9]/.test(fractionPart.slice(digits))) return null;
  const fraction = fractionPart.slice(0, digits).padEnd(digits, "0");
  const minor = Number(wholePart + fraction);
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Minor units to the plain decimal string Stripe-free inputs show ("25.50", "5000"). */
export function minorToDecimalString(amount: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  if (digits === 0) return String(amount);
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount)
    .toString()
    .padStart(digits + 1, "0");
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}
