import { env, manageTokenSecret } from "@/lib/env";
import { SIGNED_TOKEN_PURPOSES, signFields, verifyFields } from "@/lib/security/signed-token";

/**
 * The "manage monthly giving" link in receipts: it names the donor's Stripe customer and
 * carries an HMAC, so only someone holding the email can open that customer's billing portal.
 * Signed with AUTH_SECRET (or, in development, the installation's generated one) for its own
 * purpose (lib/security/signed-token.ts).
 */
const isCustomerId = (value: string) => /^cus_[A-Za-z0-9]{1,100}$/.test(value);

export function manageToken(customerId: string, key = manageTokenSecret()): string {
  return signFields(SIGNED_TOKEN_PURPOSES.manageMonthlyGiving, [customerId], key);
}

/** The Stripe customer a token was issued for, or null when it is malformed or forged. */
export function verifyManageToken(token: string, key = manageTokenSecret()): string | null {
  return verifyFields(SIGNED_TOKEN_PURPOSES.manageMonthlyGiving, token, key, [isCustomerId])?.[0] ?? null;
}

export function manageGivingUrl(customerId: string): string {
  return new URL(`/donate/manage?token=${encodeURIComponent(manageToken(customerId))}`, env().APP_URL).toString();
}
