import type { RateLimitRule } from "@/lib/rate-limit/rate-limit";

/**
 * Card-testing protection: one client may start at most 20 checkouts a minute. Every
 * submission of the donation form counts, valid or not. Counters live in PostgreSQL, so the
 * limit holds across app instances.
 */
export const CHECKOUT_RATE_LIMIT: RateLimitRule = { name: "checkout", points: 20, durationSeconds: 60 };
