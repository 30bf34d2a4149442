import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * After an emailed link is used once, the donor's browser holds a short-lived signed session
 * (an httpOnly cookie) so the giving page survives reloads and its forms. The value is
 * `<session id>.<expiry, unix seconds>.<HMAC>`, the session id being the id of the emailed link
 * that started it (its donor_manage_links row): signing out deletes that row, so a copy of the
 * cookie opens nothing afterwards (lib/donors/manage-access.ts). The purpose label keeps the
 * signature from meaning anything else (v1 named the donor and could not be ended).
 */
const PURPOSE = "lantern:donor-manage-session:v2";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const MANAGE_SESSION_COOKIE = "lantern_manage_giving";
/** Long enough to look around and make a change; short enough that a shared computer forgets. */
export const MANAGE_SESSION_LIFETIME_SECONDS = 2 * 60 * 60;

function mac(sessionId: string, expires: number, secret: string): Buffer {
  return createHmac("sha256", secret).update(`${PURPOSE}\n${sessionId}\n${expires}`, "utf8").digest();
}

/** A session for the emailed link `sessionId` (its donor_manage_links id) opened. */
export function signManageSession(sessionId: string, secret: string, now: Date = new Date()): { value: string; expires: Date } {
  const expires = Math.floor(now.getTime() / 1000) + MANAGE_SESSION_LIFETIME_SECONDS;
  return { value: `${sessionId}.${expires}.${mac(sessionId, expires, secret).toString("base64url")}`, expires: new Date(expires * 1000) };
}

/** The session id a value was signed for, or null when it is forged, altered, malformed or expired. Whether it was ended is the database's to say. */
export function verifyManageSession(value: unknown, secret: string, now: Date = new Date()): string | null {
  if (typeof value !== "string") return null;
  const [sessionId = "", expiresText = "", signature = "", extra] = value.split(".");
  if (extra !== undefined || !UUID.test(sessionId) || !/^\d{1,12}$/.test(expiresText)) return null;
  const expires = Number(expiresText);
  if (expires * 1000 <= now.getTime()) return null;
  const given = Buffer.from(signature, "base64url");
  const expected = mac(sessionId, expires, secret);
  return given.length === expected.length && timingSafeEqual(given, expected) ? sessionId : null;
}
