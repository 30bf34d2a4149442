import { z } from "zod";
import { SIGNED_TOKEN_PURPOSES, signFields, verifyFields } from "@/lib/security/signed-token";
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
 *   secret invalidates old links (the GET page then says the link is not valid). Signed by
 *   lib/security/signed-token.ts, for their own purpose.
 */

const isSubscriberId = (value: string) => z.uuid().safeParse(value).success;

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

export function signUnsubscribeToken(subscriberId: string, secret: string): string {
  return signFields(SIGNED_TOKEN_PURPOSES.unsubscribe, [subscriberId], secret);
}

/** The subscriber id the token was signed for, or null for anything forged, altered or malformed. */
export function verifyUnsubscribeToken(token: unknown, secret: string): string | null {
  return verifyFields(SIGNED_TOKEN_PURPOSES.unsubscribe, token, secret, [isSubscriberId])?.[0] ?? null;
}
