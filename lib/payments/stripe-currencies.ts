/**
 * The currencies Stripe takes payments in (its presentment currencies,
 * https://docs.stripe.com/currencies#presentment-currencies), upper case. A campaign in any other
 * currency could never be paid: Stripe refuses its Checkout with `invalid_request_error` on the
 * currency. The Stripe emulator keeps the same list (tests/unit/stripe-currencies.test.ts checks).
 */
export const STRIPE_CURRENCIES: ReadonlySet<string> = new Set(
  (
    "USD AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BIF BMD BND BOB BRL BSD BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CVE CZK " +
    "DJF DKK DOP DZD EGP ETB EUR FJD FKP GBP GEL GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR ISK JMD JPY KES KGS KHR KMF KRW KYD KZT " +
    "LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN PYG QAR RON " +
    "RSD RUB RWF SAR SBD SCR SEK SGD SHP SLE SOS SRD STD SZL THB TJS TOP TRY TTD TWD TZS UAH UGX UYU UZS VND VUV WST XAF XCD XOF XPF YER ZAR ZMW"
  ).split(" "),
);

export function isStripeCurrency(currency: string): boolean {
  return STRIPE_CURRENCIES.has(currency.toUpperCase());
}
