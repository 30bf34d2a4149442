import { z } from "zod";
import { SIGNED_TOKEN_PURPOSES, signFields, verifyFields } from "@/lib/security/signed-token";

/**
 * After an emailed link is used once, the donor's browser holds a short-lived signed session
 * (an httpOnly cookie) so the giving page survives reloads and its forms. The value is
 * `<session id>.<expiry, unix seconds>.<HMAC>`, signed for its own purpose (lib/security/signed-token.ts),
 * the session id being the id of the emailed link that started it (its donor_manage_links row):
 * signing out deletes that row, so a copy of the cookie opens nothing afterwards
 * (lib/donors/manage-access.ts). v1 sessions named the donor and could not be ended.
 */
const isSessionId = (value: string) => z.uuid().safeParse(value).success;
const isUnixSeconds = (value: string) => /^\d{1,12}$/.test(value);

export const MANAGE_SESSION_COOKIE = "lantern_manage_giving";
/** Long enough to look around and make a change; short enough that a shared computer forgets. */
export const MANAGE_SESSION_LIFETIME_SECONDS = 2 * 60 * 60;

/** A session for the emailed link `sessionId` (its donor_manage_links id) opened. */
export function signManageSession(sessionId: string, secret: string, now: Date = new Date()): { value: string; expires: Date } {
  const expires = Math.floor(now.getTime() / 1000) + MANAGE_SESSION_LIFETIME_SECONDS;
  return { value: signFields(SIGNED_TOKEN_PURPOSES.donorManageSession, [sessionId, String(expires)], secret), expires: new Date(expires * 1000) };
}

/** The session id a value was signed for, or null when it is forged, altered, malformed or expired. Whether it was ended is the database's to say. */
export function verifyManageSession(value: unknown, secret: string, now: Date = new Date()): string | null {
  const fields = verifyFields(SIGNED_TOKEN_PURPOSES.donorManageSession, value, secret, [isSessionId, isUnixSeconds]);
  if (!fields) return null;
  const [sessionId, expiresText] = fields as [string, string];
  return Number(expiresText) * 1000 > now.getTime() ? sessionId : null;
}
