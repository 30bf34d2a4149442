import { createHmac, timingSafeEqual } from "node:crypto";
import { env, manageTokenSecret } from "@/lib/env";

/**
 * The "manage monthly giving" link in receipts: it names the donor's Stripe customer and
 * carries an HMAC, so only someone holding the email can open that customer's billing portal.
 * Signed with AUTH_SECRET (or, in development, the installation's generated one); the purpose
 * label keeps this signature from meaning anything else.
 */
const PURPOSE = "lantern:manage-monthly-giving:v1";

function signingKey(): string {
  return manageTokenSecret();
}

function signature(customerId: string, key: string): string {
  return createHmac("sha256", key).update(`${PURPOSE}\n${customerId}`).digest("base64url");
}

export function manageToken(customerId: string, key = signingKey()): string {
  return `${customerId}.${signature(customerId, key)}`;
}

/** The Stripe customer a token was issued for, or null when it is malformed or forged. */
export function verifyManageToken(token: string, key = signingKey()): string | null {
  const match = /^(cus_[A-Za-z0-9]{1,100})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, customerId = "", given = ""] = match;
  const expected = Buffer.from(signature(customerId, key));
  const received = Buffer.from(given);
  return expected.length === received.length && timingSafeEqual(expected, received) ? customerId : null;
}

export function manageGivingUrl(customerId: string): string {
  return new URL(`/donate/manage?token=${encodeURIComponent(manageToken(customerId))}`, env().APP_URL).toString();
}
