import { createHmac, timingSafeEqual } from "node:crypto";
import { env, linkSigningSecret } from "@/lib/env";

/**
 * The link to a gift's receipt page, sent in the receipt email. It names the gift and carries
 * an HMAC of its id, so only someone holding the email (or a link the donor shared) can open
 * the receipt; gift ids alone open nothing. Signed with AUTH_SECRET (or, in development, the
 * installation's generated one); the purpose label keeps this signature from meaning anything else.
 */
const PURPOSE = "lantern:gift-receipt:v1";
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const TOKEN = new RegExp(`^(${UUID})\\.([A-Za-z0-9_-]{43})$`);

function signature(donationId: string, key: string): string {
  return createHmac("sha256", key).update(`${PURPOSE}\n${donationId}`).digest("base64url");
}

export function receiptToken(donationId: string, key = linkSigningSecret()): string {
  return `${donationId}.${signature(donationId, key)}`;
}

/** The gift a token was issued for, or null when it is malformed or forged. */
export function verifyReceiptToken(token: string, key = linkSigningSecret()): string | null {
  const match = TOKEN.exec(token);
  if (!match) return null;
  const [, donationId = "", given = ""] = match;
  const expected = Buffer.from(signature(donationId, key));
  const received = Buffer.from(given);
  return expected.length === received.length && timingSafeEqual(expected, received) ? donationId : null;
}

export function receiptPath(donationId: string, key?: string): string {
  return `/receipts/${encodeURIComponent(receiptToken(donationId, key))}`;
}

/** The absolute URL of a gift's receipt page, for emails. */
export function receiptUrl(donationId: string): string {
  return new URL(receiptPath(donationId), env().APP_URL).toString();
}
