import type { Database } from "@/db/database";
import { env } from "@/lib/env";
import { consumeRateLimit, type RateLimitResult, type RateLimitRule } from "@/lib/rate-limit/rate-limit";
import { sameOriginPath } from "@/lib/security/safe-redirect";
import { privateRateLimitKey } from "@/lib/subscribers/tokens";

/**
 * Asking for sign-in links sends email and writes tokens: limited per client address and per
 * email address, the same for admins and anybody else (so the limit reveals nothing either).
 */
export const SIGN_IN_PER_CLIENT: RateLimitRule = { name: "sign-in-client", points: 10, durationSeconds: 15 * 60 };
export const SIGN_IN_PER_ADDRESS: RateLimitRule = { name: "sign-in-address", points: 5, durationSeconds: 15 * 60 };

/**
 * Counts a request for a sign-in link against both limits, the client's first. Keys are keyed
 * hashes, as every other limit's: the shared rate-limit table holds no email or IP addresses.
 */
export async function consumeSignInLimits(db: Database, who: { client: string; email: string }, secret: string): Promise<RateLimitResult> {
  const byClient = await consumeRateLimit(db, SIGN_IN_PER_CLIENT, privateRateLimitKey("sign-in-client", who.client, secret));
  if (!byClient.allowed) return byClient;
  return consumeRateLimit(db, SIGN_IN_PER_ADDRESS, privateRateLimitKey("sign-in-address", who.email, secret));
}

/** A callback URL from the sign-in form: a path inside the admin on this site, or the dashboard. */
export function adminCallbackPath(value: unknown, appUrl: string = env().APP_URL): string {
  const path = sameOriginPath(typeof value === "string" ? value.trim() : value, appUrl);
  return path && /^\/admin(?:[/?#]|$)/.test(path) ? path : "/admin";
}
