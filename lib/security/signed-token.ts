import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Every HMAC-signed value Lantern hands out — receipt links, "manage monthly giving" links, the
 * donor's giving-page session, unsubscribe links — and the keyed hashes that stand in for
 * addresses in the rate-limit table. One implementation: HMAC-SHA256, compared in constant time.
 *
 * A signed value is `<field>.<field>….<signature>`: the fields in the clear (none may contain a
 * dot or a newline), then base64url(HMAC(secret, purpose label + fields joined by newlines)).
 * Each use has its own purpose label, so a signature made for one purpose never verifies for
 * another even under the same secret. The labels and that format are those the links were first
 * issued with: links already in donors' inboxes keep working.
 */
export interface TokenPurpose {
  /** Goes before the signed fields; no label is the start of another (see SIGNED_TOKEN_PURPOSES). */
  readonly label: string;
}

export const SIGNED_TOKEN_PURPOSES = {
  giftReceipt: { label: "lantern:gift-receipt:v1\n" },
  manageMonthlyGiving: { label: "lantern:manage-monthly-giving:v1\n" },
  // v2: the session names the emailed link it came from, so signing out can end it (v1 named the donor).
  donorManageSession: { label: "lantern:donor-manage-session:v2\n" },
  unsubscribe: { label: "lantern/unsubscribe/v1:" },
  rateLimitKey: { label: "lantern/rate-limit/" },
} as const satisfies Record<string, TokenPurpose>;

/** base64url of a 32-byte HMAC-SHA256, unpadded. */
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

function mac(purpose: TokenPurpose, fields: readonly string[], secret: string): Buffer {
  return createHmac("sha256", secret)
    .update(purpose.label + fields.join("\n"), "utf8")
    .digest();
}

/** `fields` and their signature, as one dot-separated value. */
export function signFields(purpose: TokenPurpose, fields: readonly string[], secret: string): string {
  if (fields.length === 0 || fields.some((field) => field === "" || /[.\n]/.test(field))) {
    throw new Error("Signed fields must be non-empty and contain no dot or newline.");
  }
  return `${fields.join(".")}.${mac(purpose, fields, secret).toString("base64url")}`;
}

/**
 * The fields of a value signed by signFields for `purpose`, or null when it is not a string,
 * has the wrong number of fields, a field `accepts` refuses, or a signature that is not this
 * secret's for this purpose. `accepts` has one check per field, in order.
 */
export function verifyFields(purpose: TokenPurpose, value: unknown, secret: string, accepts: readonly ((field: string) => boolean)[]): string[] | null {
  if (typeof value !== "string") return null;
  const parts = value.split(".");
  if (parts.length !== accepts.length + 1) return null;
  const fields = parts.slice(0, -1);
  const signature = parts[parts.length - 1]!;
  if (!SIGNATURE.test(signature) || !fields.every((field, index) => field !== "" && accepts[index]!(field))) return null;
  // Compared as text: a base64url string's last character has spare bits, so two texts can decode to one MAC.
  const expected = Buffer.from(mac(purpose, fields, secret).toString("base64url"));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? fields : null;
}

/** A keyed hash of `value` (base64url, `length` characters): stands in for an address without revealing it. */
export function keyedHash(purpose: TokenPurpose, value: string, secret: string, length = 43): string {
  return createHmac("sha256", secret)
    .update(purpose.label + value, "utf8")
    .digest("base64url")
    .slice(0, length);
}
