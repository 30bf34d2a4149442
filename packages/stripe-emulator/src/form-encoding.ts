import qs from "qs";

/**
 * Stripe request bodies (and GET query strings) are `application/x-www-form-urlencoded` with
 * nested params in brackets: `line_items[0][price_data][currency]=usd`, `expand[]=customer`,
 * `metadata[campaign]=x`. qs decodes exactly that; the limits are raised so long arrays stay
 * arrays and deep params stay nested (qs's defaults stop at 20 items and 5 levels).
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormParams = { [key: string]: FormValue };

export function parseForm(text: string): FormParams {
  if (!text) return {};
  return qs.parse(text, {
    depth: 12,
    arrayLimit: 1000,
    parameterLimit: 10_000,
    allowDots: false,
    allowPrototypes: false,
    plainObjects: true,
  }) as FormParams;
}

/** Same encoding the SDK uses; handy for tests and for posting from server-rendered pages. */
export function encodeForm(params: Record<string, unknown>): string {
  return qs.stringify(params, { arrayFormat: "indices", encodeValuesOnly: false });
}
