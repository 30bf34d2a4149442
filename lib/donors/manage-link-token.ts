import { createHash, randomBytes } from "node:crypto";

/**
 * Emailed "manage my giving" links: 256 random bits, only their SHA-256 stored
 * (donor_manage_links), single-use and expiring, so a database leak opens nobody's page.
 */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/; // 32 bytes in base64url, unpadded

/** How long an emailed link works. */
export const MANAGE_LINK_LIFETIME_MS = 60 * 60 * 1000;
export const MANAGE_LINK_LIFETIME_TEXT = "1 hour";

export function createManageLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashManageLinkToken(token) };
}

export function hashManageLinkToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Cheap shape check before any database work: anything else cannot be a link we sent. */
export function isWellFormedManageLinkToken(token: unknown): token is string {
  return typeof token === "string" && TOKEN_PATTERN.test(token);
}
