import { keyedHash, SIGNED_TOKEN_PURPOSES } from "@/lib/security/signed-token";

/**
 * Rate-limit keys for addresses: a keyed hash, so the shared rate-limit table holds neither email
 * addresses nor client IP addresses (a plain hash of an IPv4 address is trivially reversed).
 */
export function privateRateLimitKey(kind: string, value: string, secret: string): string {
  return keyedHash(SIGNED_TOKEN_PURPOSES.rateLimitKey, `${kind}:${value}`, secret, 32);
}
