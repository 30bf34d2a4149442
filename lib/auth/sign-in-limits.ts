import { env } from "@/lib/env";
import type { RateLimitRule } from "@/lib/rate-limit/rate-limit";
import { sameOriginPath } from "@/lib/security/safe-redirect";

/**
 * Asking for sign-in links sends email and writes tokens: limited per client address and per
 * email address, the same for admins and anybody else (so the limit reveals nothing either).
 */
export const SIGN_IN_PER_CLIENT: RateLimitRule = { name: "sign-in-client", points: 10, durationSeconds: 15 * 60 };
export const SIGN_IN_PER_ADDRESS: RateLimitRule = { name: "sign-in-address", points: 5, durationSeconds: 15 * 60 };

/** A callback URL from the sign-in form: a path inside the admin on this site, or the dashboard. */
export function adminCallbackPath(value: unknown, appUrl: string = env().APP_URL): string {
  const path = sameOriginPath(typeof value === "string" ? value.trim() : value, appUrl);
  return path && /^\/admin(?:[/?#]|$)/.test(path) ? path : "/admin";
}
