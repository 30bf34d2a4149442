import { signUnsubscribeToken } from "./tokens";

/** Absolute links that go into emails. Pages live at /subscribe/confirm and /unsubscribe. */
export function confirmationUrl(appUrl: string, token: string): string {
  const url = new URL("/subscribe/confirm", appUrl);
  url.searchParams.set("token", token);
  return url.toString();
}

/** The page with one "Unsubscribe" button (GET never unsubscribes, so link scanners cannot). */
export function unsubscribePageUrl(appUrl: string, subscriberId: string, secret: string): string {
  const url = new URL("/unsubscribe", appUrl);
  url.searchParams.set("token", signUnsubscribeToken(subscriberId, secret));
  return url.toString();
}

/** The RFC 8058 one-click endpoint: a POST unsubscribes, a GET redirects to the page above. */
export function oneClickUnsubscribeUrl(appUrl: string, subscriberId: string, secret: string): string {
  const url = new URL("/unsubscribe/one-click", appUrl);
  url.searchParams.set("token", signUnsubscribeToken(subscriberId, secret));
  return url.toString();
}

/** The headers every update email carries (RFC 2369 List-Unsubscribe + RFC 8058 one-click). */
export function listUnsubscribeHeaders(appUrl: string, subscriberId: string, secret: string): Record<string, string> {
  return {
    "List-Unsubscribe": `<${oneClickUnsubscribeUrl(appUrl, subscriberId, secret)}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}
