import { createHmac, timingSafeEqual } from "node:crypto";
import { createSingleUseToken, hashSingleUseToken, isWellFormedSingleUseToken, type SingleUseToken } from "@/lib/security/single-use-token";

/*
 * Two kinds of link token:
 *
 * - Confirmation links: 256 random bits, only their SHA-256 stored (subscriber_confirmations),
 *   single-use and expiring. A database leak cannot confirm anybody.
 * - Unsubscribe links: `<subscriber id>.<HMAC-SHA256(secret, id)>`. Signed rather than stored
 *   because every update email must carry a working link for every recipient, for as long as the
 *   email sits in an inbox: the link can be computed at send time without keeping any raw token,
 *   needs no table, never expires, and can only be forged with the server secret. Rotating the
 *   secret invalidates old links (the GET page then says the link is not valid).
 */

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNSUBSCRIBE_CONTEXT = "lantern/unsubscribe/v1:";

export type ConfirmationToken = SingleUseToken;
export const createConfirmationToken = createSingleUseToken;
export const hashConfirmationToken = hashSingleUseToken;
export const isWellFormedConfirmationToken = isWellFormedSingleUseToken;

export function confirmationExpiresAt(now: Date, ttlHours: number): Date {
  return new Date(now.getTime() + Math.round(ttlHours * 3_600_000));
}

export function isExpired(expiresAt: Date, now: Date): boolean {
  return expiresAt.getTime() <= now.getTime();
}

function unsubscribeMac(subscriberId: string, secret: string): Buffer {
  return createHmac("sha256", secret).update(UNSUBSCRIBE_CONTEXT + subscriberId, "utf8").digest();
}

export function signUnsubscribeToken(subscriberId: string, secret: string): string {
  return `${subscriberId}.${unsubscribeMac(subscriberId, secret).toString("base64url")}`;
}

/** The subscriber id the token was signed for, or null for anything forged, altered or malformed. */
export function verifyUnsubscribeToken(token: unknown, secret: string): string | null {
  if (typeof token !== "string") return null;
  const [subscriberId, signature, extra] = token.split(".");
  if (!subscriberId || !signature || extra !== undefined || !UUID_PATTERN.test(subscriberId)) return null;
  const given = Buffer.from(signature, "base64url");
  const expected = unsubscribeMac(subscriberId, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return subscriberId;
}

/**
 * Rate-limit keys for sign-up: a keyed hash, so the shared rate-limit table holds neither email
 * addresses nor client IP addresses (a plain hash of an IPv4 address is trivially reversed).
 */
export function privateRateLimitKey(kind: string, value: string, secret: string): string {
  return createHmac("sha256", secret).update(`lantern/rate-limit/${kind}:${value}`, "utf8").digest("base64url").slice(0, 32);
}
