import "server-only";
import type { Database } from "@/db/database";
import { emailIdentity } from "@/lib/identity/email-identity";
import { consumeRateLimit, type RateLimitResult, type RateLimitRule } from "@/lib/rate-limit/rate-limit";
import { privateRateLimitKey } from "@/lib/subscribers/tokens";

/** A script trying address after address from one client is slowed down. */
export const MANAGE_LINK_LIMIT_PER_CLIENT: RateLimitRule = { name: "manage-link-client", points: 10, durationSeconds: 10 * 60 };
/** Nobody can flood a donor's inbox with links. */
export const MANAGE_LINK_LIMIT_PER_ADDRESS: RateLimitRule = { name: "manage-link-address", points: 3, durationSeconds: 60 * 60 };

/**
 * Counts an "Email me a link" request: the client first, then the address. Keys are keyed
 * hashes, so the shared rate-limit table holds neither addresses nor client IPs. The address
 * counts whether or not it belongs to a donor, so the limit says nothing about who gives.
 */
export async function consumeManageLinkLimits(db: Database, who: { client: string; email: string }, secret: string): Promise<RateLimitResult> {
  const byClient = await consumeRateLimit(db, MANAGE_LINK_LIMIT_PER_CLIENT, privateRateLimitKey("manage-link-client", who.client, secret));
  if (!byClient.allowed) return byClient;
  return consumeRateLimit(db, MANAGE_LINK_LIMIT_PER_ADDRESS, privateRateLimitKey("manage-link-address", emailIdentity(who.email), secret));
}
