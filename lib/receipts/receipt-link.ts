import { z } from "zod";
import { env, linkSigningSecret } from "@/lib/env";
import { SIGNED_TOKEN_PURPOSES, signFields, verifyFields } from "@/lib/security/signed-token";

/**
 * The link to a gift's receipt page, sent in the receipt email. It names the gift and carries
 * an HMAC of its id, so only someone holding the email (or a link the donor shared) can open
 * the receipt; gift ids alone open nothing. Signed with AUTH_SECRET (or, in development, the
 * installation's generated one) for its own purpose (lib/security/signed-token.ts).
 */
const isGiftId = (value: string) => z.uuid().safeParse(value).success;

export function receiptToken(donationId: string, key = linkSigningSecret()): string {
  return signFields(SIGNED_TOKEN_PURPOSES.giftReceipt, [donationId], key);
}

/** The gift a token was issued for, or null when it is malformed or forged. */
export function verifyReceiptToken(token: string, key = linkSigningSecret()): string | null {
  return verifyFields(SIGNED_TOKEN_PURPOSES.giftReceipt, token, key, [isGiftId])?.[0] ?? null;
}

export function receiptPath(donationId: string, key?: string): string {
  return `/receipts/${encodeURIComponent(receiptToken(donationId, key))}`;
}

/** The absolute URL of a gift's receipt page, for emails. */
export function receiptUrl(donationId: string): string {
  return new URL(receiptPath(donationId), env().APP_URL).toString();
}
