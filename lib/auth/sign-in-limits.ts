import type { RateLimitRule } from "@/lib/rate-limit/rate-limit";

/**
 * Asking for sign-in links sends email and writes tokens: limited per client address and per
 * email address, the same for admins and anybody else (so the limit reveals nothing either).
 */
export const SIGN_IN_PER_CLIENT: RateLimitRule = { name: "sign-in-client", points: 10, durationSeconds: 15 * 60 };
export const SIGN_IN_PER_ADDRESS: RateLimitRule = { name: "sign-in-address", points: 5, durationSeconds: 15 * 60 };

/** A callback URL from the sign-in form: a path inside the admin, or the dashboard. */
export function adminCallbackPath(value: unknown): string {
  if (typeof value !== "string") return "/admin";
  let path = value.trim();
  try {
    // Auth.js sends absolute URLs back; keep only the path of a same-site one.
    if (/^https?:\/\//i.test(path)) {
      const url = new URL(path);
      path = `${url.pathname}${url.search}`;
    }
  } catch {
    return "/admin";
  }
  return /^\/admin(?:[/?#]|$)/.test(path) && !path.includes("//") && !path.includes("\\") ? path : "/admin";
}
