import "server-only";
import type { Database } from "@/db/database";
import { consumeRateLimit, type RateLimitResult, type RateLimitRule } from "@/lib/rate-limit/rate-limit";
import { emailIdentity } from "@/lib/identity/email-identity";
import { privateRateLimitKey } from "./tokens";

/** Bursts from one client (a script filling the form) are refused politely. */
export const SIGN_UP_LIMIT_PER_CLIENT: RateLimitRule = { name: "subscribe-client", points: 10, durationSeconds: 10 * 60 };
/** One address cannot be used to flood someone's inbox with confirmation requests. */
export const SIGN_UP_LIMIT_PER_ADDRESS: RateLimitRule = { name: "subscribe-address", points: 5, durationSeconds: 60 * 60 };

/**
 * Counts a sign-up (or a "send a new link" request) against the shared limits: the client first,
 * then the address when there is one. Keys are keyed hashes, never raw addresses.
 */
export async function consumeSignUpLimits(
  db: Database,
  who: { client: string; email?: string },
  secret: string,
): Promise<RateLimitResult> {
  const byClient = await consumeRateLimit(db, SIGN_UP_LIMIT_PER_CLIENT, privateRateLimitKey("client", who.client, secret));
  if (!byClient.allowed || who.email === undefined) return byClient;
  return consumeRateLimit(db, SIGN_UP_LIMIT_PER_ADDRESS, privateRateLimitKey("address", emailIdentity(who.email), secret));
}
