import { createHash, randomBytes } from "node:crypto";

/*
 * Emailed single-use links (subscription confirmations, "manage my giving"): 256 random bits in
 * the link, only their SHA-256 in the database, so a database leak opens nothing.
 */
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/; // 32 bytes in base64url, unpadded

export interface SingleUseToken {
  /** Goes into the emailed link, nowhere else. */
  token: string;
  /** Goes into the database. */
  tokenHash: string;
}

export function createSingleUseToken(): SingleUseToken {
  const token = randomBytes(TOKEN_BYTES).toString("base64url");
  return { token, tokenHash: hashSingleUseToken(token) };
}

export function hashSingleUseToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Cheap shape check before any database work: anything else cannot be a token we issued. */
export function isWellFormedSingleUseToken(token: unknown): token is string {
  return typeof token === "string" && TOKEN_PATTERN.test(token);
}
