import type { RateLimitRule } from "./rate-limit";

/*
 * Every rate limit Lantern applies, in one place: at most `points` requests per
 * `durationSeconds` for one key. Counters live in PostgreSQL (lib/rate-limit/rate-limit.ts), so
 * each limit holds across app instances. Clients are counted by address (client-address.ts,
 * TRUSTED_PROXY_HOPS); email addresses by their identity, as keyed hashes (private-key.ts).
 */

/**
 * Card-testing protection: one client may start at most 20 checkouts a minute. Every
 * submission of the donation form counts, valid or not.
 */
export const CHECKOUT_RATE_LIMIT: RateLimitRule = { name: "checkout", points: 20, durationSeconds: 60 };

/**
 * Asking for sign-in links sends email and writes tokens: limited per client address and per
 * email address, the same for admins and anybody else (so the limit reveals nothing either).
 */
export const SIGN_IN_PER_CLIENT: RateLimitRule = { name: "sign-in-client", points: 10, durationSeconds: 15 * 60 };
export const SIGN_IN_PER_ADDRESS: RateLimitRule = { name: "sign-in-address", points: 5, durationSeconds: 15 * 60 };

/** Sign-up: bursts from one client (a script filling the form) are refused politely. */
export const SIGN_UP_LIMIT_PER_CLIENT: RateLimitRule = { name: "subscribe-client", points: 10, durationSeconds: 10 * 60 };
/** Sign-up: one address cannot be used to flood someone's inbox with confirmation requests. */
export const SIGN_UP_LIMIT_PER_ADDRESS: RateLimitRule = { name: "subscribe-address", points: 5, durationSeconds: 60 * 60 };

/** "Email me a link" to the giving page: a script trying address after address from one client is slowed down. */
export const MANAGE_LINK_LIMIT_PER_CLIENT: RateLimitRule = { name: "manage-link-client", points: 10, durationSeconds: 10 * 60 };
/** "Email me a link": nobody can flood a donor's inbox with links. */
export const MANAGE_LINK_LIMIT_PER_ADDRESS: RateLimitRule = { name: "manage-link-address", points: 3, durationSeconds: 60 * 60 };

/** "Email me this receipt" on the giving page: one donor cannot make Lantern mail receipts without end. */
export const RECEIPT_RESEND_LIMIT_PER_DONOR: RateLimitRule = { name: "receipt-resend", points: 10, durationSeconds: 60 * 60 };
