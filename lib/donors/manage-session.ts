import { z } from "zod";
import { SIGNED_TOKEN_PURPOSES, signFields, verifyFields } from "@/lib/security/signed-token";

/**
 * After an emailed link is used once, the donor's browser holds a short-lived signed session
 * (an httpOnly cookie) so the giving page survives reloads and its forms. The value is
 * `<donor id>.<expiry, unix seconds>.<HMAC>`, signed for its own purpose (lib/security/signed-token.ts).
 */
const isDonorId = (value: string) => z.uuid().safeParse(value).success;
const isUnixSeconds = (value: string) => /^\d{1,12}$/.test(value);

export const MANAGE_SESSION_COOKIE = "lantern_manage_giving";
/** Long enough to look around and make a change; short enough that a shared computer forgets. */
export const MANAGE_SESSION_LIFETIME_SECONDS = 2 * 60 * 60;

export function signManageSession(donorId: string, secret: string, now: Date = new Date()): { value: string; expires: Date } {
  const expires = Math.floor(now.getTime() / 1000) + MANAGE_SESSION_LIFETIME_SECONDS;
  return { value: signFields(SIGNED_TOKEN_PURPOSES.donorManageSession, [donorId, String(expires)], secret), expires: new Date(expires * 1000) };
}

/** The donor a session value was signed for, or null when it is forged, altered, malformed or expired. */
export function verifyManageSession(value: unknown, secret: string, now: Date = new Date()): string | null {
  const fields = verifyFields(SIGNED_TOKEN_PURPOSES.donorManageSession, value, secret, [isDonorId, isUnixSeconds]);
  if (!fields) return null;
  const [donorId, expiresText] = fields as [string, string];
  return Number(expiresText) * 1000 > now.getTime() ? donorId : null;
}
