/**
 * What never reaches a log: donors' and readers' addresses and names, card numbers, secrets
 * and tokens, signed links (receipts, manage, unsubscribe, sign-in), cookies and authorization
 * headers. The logger applies this to every line (lib/observability/logger.ts): pino's `redact`
 * paths for the known shapes, and scrubLogValue for everything else, by key at any depth and by
 * content in any string (messages and error stacks included).
 */

export const REDACTED = "[redacted]";

/** pino `redact` paths: headers and bodies as they would be logged whole. */
export const REDACT_PATHS = [
  "headers.authorization",
  "headers.cookie",
  'headers["set-cookie"]',
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  "*.authorization",
  "*.cookie",
  "*.password",
  "*.email",
  "*.token",
];

/** Keys whose values are personal data or secrets wherever they appear (compared without case, `_` or `-`). */
const SENSITIVE_KEYS = new Set(
  [
    "email",
    "emails",
    "to",
    "toAddress",
    "from",
    "replyTo",
    "name",
    "firstName",
    "lastName",
    "fullName",
    "dedicationName",
    "billingDetails",
    "customerDetails",
    "customerEmail",
    "receiptEmail",
    "phone",
    "address",
    "postalAddress",
    "card",
    "cardNumber",
    "cvc",
    "token",
    "accessToken",
    "refreshToken",
    "idToken",
    "secret",
    "clientSecret",
    "password",
    "apiKey",
    "authorization",
    "cookie",
    "cookies",
    "setCookie",
    "receiptUrl",
    "manageUrl",
    "unsubscribeUrl",
    "signInUrl",
  ].map(normaliseKey),
);

function normaliseKey(key: string): string {
  return key.replace(/[-_]/g, "").toLowerCase();
}

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEYS.has(normaliseKey(key));
}

const EMAIL = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+/g;
/** Query parameters that carry a credential or an address: their values go. */
const SECRET_QUERY_PARAM =
  /([?&;](?:token|email|code|key|secret|signature|sig|password|auth|session|access_token|refresh_token|id_token|callbackUrl)=)[^&#\s"'<>]*/gi;
/** A receipt's signed link is a path (`/receipts/<token>`). */
const RECEIPT_PATH = /\/receipts\/[^\s"'<>?#/)\]]+/g;
/** lib/security/signed-token.ts: `<fields>.<43-character base64url HMAC>`. */
const SIGNED_VALUE = /\b[A-Za-z0-9_%-]+(?:\.[A-Za-z0-9_%-]+)*\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
/** Stripe and Resend secrets, webhook secrets, restricted keys. */
const API_SECRET = /\b(?:sk|rk)_(?:test|live)_[A-Za-z0-9]+|\bwhsec_[A-Za-z0-9+/=]+|\bre_[A-Za-z0-9]{8,}_[A-Za-z0-9_]+/g;
/** 13 to 19 digits, optionally grouped by spaces or dashes: a card number when it passes Luhn's check. */
const CARD_CANDIDATE = /\b\d(?:[ -]?\d){12,18}\b/g;
const PASSWORD_IN_URL = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi;

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Removes email addresses, tokens, signed links, secrets and card numbers from free text. */
export function scrubText(text: string): string {
  return text
    .replace(PASSWORD_IN_URL, `$1${REDACTED}@`)
    .replace(EMAIL, "[email]")
    .replace(SECRET_QUERY_PARAM, `$1${REDACTED}`)
    .replace(RECEIPT_PATH, `/receipts/${REDACTED}`)
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(API_SECRET, REDACTED)
    .replace(SIGNED_VALUE, REDACTED)
    .replace(CARD_CANDIDATE, (match) => {
      const digits = match.replace(/[ -]/g, "");
      return passesLuhn(digits) ? "[card]" : match;
    });
}

/**
 * A copy of `value` fit for a log: sensitive keys redacted at any depth, every string scrubbed,
 * errors turned into { type, message, stack, code } (scrubbed too).
 */
export function scrubLogValue(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === "string") return scrubText(value);
  if (value === null || typeof value !== "object") return value;
  if (depth > 8) return "[too deep]";
  if (seen.has(value)) return "[circular]";
  seen.add(value);
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    const cause = (value as { cause?: unknown }).cause;
    return {
      type: value.name,
      message: scrubText(value.message),
      ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
      ...(value.stack ? { stack: scrubText(value.stack) } : {}),
      ...(cause !== undefined ? { cause: scrubLogValue(cause, depth + 1, seen) } : {}),
    };
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => scrubLogValue(item, depth + 1, seen));
  if (value instanceof Headers) return scrubLogValue(Object.fromEntries(value.entries()), depth, seen);
  if (value instanceof URL) return scrubText(value.toString());
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = isSensitiveKey(key) ? REDACTED : scrubLogValue(item, depth + 1, seen);
  return out;
}
