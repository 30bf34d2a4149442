import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * After an emailed link is used once, the donor's browser holds a short-lived signed session
 * (an httpOnly cookie) so the giving page survives reloads and its forms. The value is
 * `<donor id>.<expiry, unix seconds>.<HMAC>`; the purpose label keeps the signature from meaning
 * anything else.
 */
const PURPOSE = "lantern:donor-manage-session:v1";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const MANAGE_SESSION_COOKIE = "lantern_manage_giving";
/** Long enough to look around and make a change; short enough that a shared computer forgets. */
export const MANAGE_SESSION_LIFETIME_SECONDS = 2 * 60 * 60;

function mac(donorId: string, expires: number, secret: string): Buffer {
  return createHmac("sha256", secret).update(`${PURPOSE}\n${donorId}\n${expires}`, "utf8").digest();
}

export function signManageSession(donorId: string, secret: string, now: Date = new Date()): { value: string; expires: Date } {
  const expires = Math.floor(now.getTime() / 1000) + MANAGE_SESSION_LIFETIME_SECONDS;
  return { value: `${donorId}.${expires}.${mac(donorId, expires, secret).toString("base64url")}`, expires: new Date(expires * 1000) };
}

/** The donor a session value was signed for, or null when it is forged, altered, malformed or expired. */
export function verifyManageSession(value: unknown, secret: string, now: Date = new Date()): string | null {
  if (typeof value !== "string") return null;
  const [donorId = "", expiresText = "", signature = "", extra] = value.split(".");
  if (extra !== undefined || !UUID.test(donorId) || !/^\d{1,12}$/.test(expiresText)) return null;
  const expires = Number(expiresText);
  if (expires * 1000 <= now.getTime()) return null;
  const given = Buffer.from(signature, "base64url");
  const expected = mac(donorId, expires, secret);
  return given.length === expected.length && timingSafeEqual(given, expected) ? donorId : null;
}
