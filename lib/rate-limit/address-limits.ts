import "server-only";
import type { Database } from "@/db/database";
import { emailIdentity } from "@/lib/identity/email-identity";
import { consumeRateLimit, type RateLimitResult } from "./rate-limit";
import { privateRateLimitKey } from "./private-key";
import {
  MANAGE_LINK_LIMIT_PER_ADDRESS,
  MANAGE_LINK_LIMIT_PER_CLIENT,
  SIGN_IN_PER_ADDRESS,
  SIGN_IN_PER_CLIENT,
  SIGN_UP_LIMIT_PER_ADDRESS,
  SIGN_UP_LIMIT_PER_CLIENT,
} from "./rules";

/*
 * Limits counted per client and then per email address. Keys are keyed hashes, never raw
 * addresses or client IPs.
 */

/** Counts a sign-up (or a "send a new link" request): the client first, then the address when there is one. */
export async function consumeSignUpLimits(db: Database, who: { client: string; email?: string }, secret: string): Promise<RateLimitResult> {
  const byClient = await consumeRateLimit(db, SIGN_UP_LIMIT_PER_CLIENT, privateRateLimitKey("client", who.client, secret));
  if (!byClient.allowed || who.email === undefined) return byClient;
  return consumeRateLimit(db, SIGN_UP_LIMIT_PER_ADDRESS, privateRateLimitKey("address", emailIdentity(who.email), secret));
}

/**
 * Counts an "Email me a link" request: the client first, then the address. The address counts
 * whether or not it belongs to a donor, so the limit says nothing about who gives.
 */
export async function consumeManageLinkLimits(db: Database, who: { client: string; email: string }, secret: string): Promise<RateLimitResult> {
  const byClient = await consumeRateLimit(db, MANAGE_LINK_LIMIT_PER_CLIENT, privateRateLimitKey("manage-link-client", who.client, secret));
  if (!byClient.allowed) return byClient;
  return consumeRateLimit(db, MANAGE_LINK_LIMIT_PER_ADDRESS, privateRateLimitKey("manage-link-address", emailIdentity(who.email), secret));
}

/** Counts a request for a sign-in link: the client first, then the address (the same for admins and anybody else). */
export async function consumeSignInLimits(db: Database, who: { client: string; email: string }, secret: string): Promise<RateLimitResult> {
  const byClient = await consumeRateLimit(db, SIGN_IN_PER_CLIENT, privateRateLimitKey("sign-in-client", who.client, secret));
  if (!byClient.allowed) return byClient;
  return consumeRateLimit(db, SIGN_IN_PER_ADDRESS, privateRateLimitKey("sign-in-address", emailIdentity(who.email), secret));
}
