import "server-only";
import { eq } from "drizzle-orm";
import { campaigns } from "@/db/schema";
import type { Database } from "@/db/database";
import { PRIVACY_LINK_TEXT, PRIVACY_PATH } from "./consent";
import { parseEmailAddress } from "./email-address";
import { requestSubscription } from "./request-subscription";
import { subscriptionSettings } from "./subscription-settings";
import { isErasedAddress } from "@/lib/identity/erased-address";
import { describeError } from "@/lib/errors/describe-error";
import { logger } from "@/lib/observability/logger";

const log = logger("subscribers");

/** What the donation form says beside its (unticked) box; stored with the sign-up like any consent. */
export const DONATION_UPDATES_LABEL = "Email me updates about this campaign";
export const DONATION_CONSENT_TEXT = `${DONATION_UPDATES_LABEL} (ticked on the donation form; confirmed by email). ${PRIVACY_LINK_TEXT}: ${PRIVACY_PATH}`;

/**
 * A donor who ticked "Email me updates" becomes a *pending* subscriber and is sent the same
 * confirmation email as any sign-up: the address came from the payment page, and only the
 * owner's click confirms it. Never called for a donor who did not tick the box. Returns the
 * outbox keys to deliver; failures are logged, never thrown (the gift is already recorded).
 */
export async function signUpDonorForUpdates(db: Database, donor: { email: string; name: string | null; campaignId: string }): Promise<string[]> {
  // A late webhook for an erased donor carries only the tombstone: never sign that up.
  if (isErasedAddress(donor.email)) return [];
  try {
    const address = parseEmailAddress(donor.email);
    if (!address.ok) return [];
    const [campaign] = await db.select({ slug: campaigns.slug, kind: campaigns.kind }).from(campaigns).where(eq(campaigns.id, donor.campaignId));
    const source = campaign && campaign.kind === "campaign" ? `campaign:${campaign.slug}` : "donate";
    const firstName = donor.name?.trim().split(/\s+/)[0]?.slice(0, 100) || null;
    const result = await requestSubscription(db, { email: address.email, firstName, source, consentText: DONATION_CONSENT_TEXT }, subscriptionSettings());
    return result.emailKeys;
  } catch (error) {
    log.error(`could not sign a donor up for updates: ${describeError(error)}`);
    return [];
  }
}
