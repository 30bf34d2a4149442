import "server-only";
import type { Database } from "@/db/database";
import { parseEmailAddress } from "@/lib/subscribers/email-address";
import { consumeManageLinkLimits } from "@/lib/rate-limit/address-limits";

/** The one answer to every well-formed request, whether or not the address belongs to a donor. */
export const MANAGE_LINK_REQUESTED_MESSAGE =
  "Thank you. If that address has given to us, a link to your giving page is on its way. It works once, for 1 hour. If nothing arrives in a few minutes, check your spam folder or contact us.";

export type ManageLinkRequestOutcome =
  | { kind: "invalid"; message: string }
  | { kind: "limited"; message: string }
  /** Send the link (sendManageLink) after the response, so its timing says nothing about the address. */
  | { kind: "accepted"; message: string; email: string };

/**
 * "Email me a link" on /donate/manage: checks the address, counts the request against the
 * per-client and per-address limits (known or not), and answers the same for every address.
 */
export async function requestManageLink(db: Database, input: { email: unknown; client: string }, secret: string): Promise<ManageLinkRequestOutcome> {
  const parsed = parseEmailAddress(input.email);
  if (!parsed.ok) return { kind: "invalid", message: parsed.message };
  const limit = await consumeManageLinkLimits(db, { client: input.client, email: parsed.email }, secret);
  if (!limit.allowed) {
    const minutes = Math.ceil(limit.retryAfterSeconds / 60);
    return { kind: "limited", message: `Too many requests for a link. Please try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.` };
  }
  return { kind: "accepted", message: MANAGE_LINK_REQUESTED_MESSAGE, email: parsed.email };
}
