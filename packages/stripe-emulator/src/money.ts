/**
 * Money is integer minor units plus a lowercase ISO currency, exactly as Stripe takes it.
 * Stripe's own lists: https://docs.stripe.com/currencies#zero-decimal and #three-decimal.
 */
const ZERO_DECIMAL = new Set(["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"]);
const THREE_DECIMAL = new Set(["bhd", "jod", "kwd", "omr", "tnd"]);

/**
 * The currencies Stripe accepts for payments (its presentment currencies,
 * https://docs.stripe.com/currencies#presentment-currencies); any other code is refused with
 * Stripe's `invalid_request_error` on the `currency` parameter.
 */
export const STRIPE_CURRENCIES: ReadonlySet<string> = new Set(
  (
    "usd aed afn all amd ang aoa ars aud awg azn bam bbd bdt bgn bif bmd bnd bob brl bsd bwp byn bzd cad cdf chf clp cny cop crc cve czk " +
    "djf dkk dop dzd egp etb eur fjd fkp gbp gel gip gmd gnf gtq gyd hkd hnl htg huf idr ils inr isk jmd jpy kes kgs khr kmf krw kyd kzt " +
    "lak lbp lkr lrd lsl mad mdl mga mkd mmk mnt mop mur mvr mwk mxn myr mzn nad ngn nio nok npr nzd pab pen pgk php pkr pln pyg qar ron " +
    "rsd rub rwf sar sbd scr sek sgd shp sle sos srd std szl thb tjs top try ttd twd tzs uah ugx uyu uzs vnd vuv wst xaf xcd xof xpf yer zar zmw"
  ).split(" "),
);

export function isStripeCurrency(currency: string): boolean {
  return STRIPE_CURRENCIES.has(currency.toLowerCase());
}

/** Digits after the decimal point in Stripe's minor units for this currency. */
export function currencyExponent(currency: string): number {
  const code = currency.toLowerCase();
  if (ZERO_DECIMAL.has(code)) return 0;
  if (THREE_DECIMAL.has(code)) return 3;
  return 2;
}

/**
 * Stripe's minimum charge amounts (minor units) for the currencies it documents
 * (https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts); a charge in another
 * currency must come to at least 0.50 USD once converted, which the emulator cannot know.
 */
const MINIMUM_CHARGE: Record<string, number> = {
  usd: 50,
  aed: 200,
  aud: 50,
  bgn: 100,
  brl: 50,
  cad: 50,
  chf: 50,
  czk: 1500,
  dkk: 250,
  eur: 50,
  gbp: 30,
  hkd: 400,
  huf: 17500,
  inr: 50,
  jpy: 50,
  mxn: 1000,
  myr: 200,
  nok: 300,
  nzd: 50,
  pln: 200,
  ron: 200,
  sek: 300,
  sgd: 50,
  thb: 1000,
};

export function minimumChargeAmount(currency: string): number | null {
  return MINIMUM_CHARGE[currency.toLowerCase()] ?? null;
}

/** Stripe caps a single amount at eight digits of minor units. */
export const MAXIMUM_AMOUNT = 99_999_999;

/** "$25.00", "¥5,000", "€1.234,00"-style display of minor units, with Stripe's exponent. */
export function formatAmount(amount: number, currency: string, locale = "en-US"): string {
  const exponent = currencyExponent(currency);
  const major = amount / 10 ** exponent;
  try {
    return new Intl.NumberFormat(locale, {
      style: "currency",
      currency: currency.toUpperCase(),
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    }).format(major);
  } catch {
    // Unknown currency codes still deserve a readable amount.
    return `${major.toFixed(exponent)} ${currency.toUpperCase()}`;
  }
}

/**
 * Parses a human amount typed in major units ("12", "12.5", "1,000.00") into minor units.
 * Returns null when the text is not a plain amount with at most the currency's decimals.
 */
export function parseMajorAmount(text: string, currency: string): number | null {
  const exponent = currencyExponent(currency);
  const cleaned = text
    .trim()
    .replace(/[,\s]/g, "")
    .replace(/^[^\d.]+/, "");
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return null;
  const whole = match[1] ?? "0";
  const fraction = match[2] ?? "";
  if (fraction.length > exponent) return null;
  const minor = Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, "0") || "0");
  return Number.isSafeInteger(minor) ? minor : null;
}
