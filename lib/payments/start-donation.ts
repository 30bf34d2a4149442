import "server-only";
import Stripe from "stripe";
import type { Database } from "@/db/database";
import { findGiftCampaignBySlug } from "@/lib/donations/gift-campaign";
import { env, linkSigningSecret } from "@/lib/env";
import { consumeRateLimit } from "@/lib/rate-limit/rate-limit";
import { privateRateLimitKey } from "@/lib/rate-limit/private-key";
import { CHECKOUT_RATE_LIMIT } from "@/lib/rate-limit/rules";
import { allowedOriginsForCampaign } from "@/lib/embed/embed-origins";
import { isOriginAllowed } from "@/lib/embed/allowed-origins";
import type { EmbedClaim } from "@/lib/embed/embed-fields";
import { createDonationCheckout } from "./create-checkout";
import { parseDonationForm, type DonationFieldErrors } from "./donation-form";
import { describeStripeError } from "./stripe-client";
import { donationAmountBounds } from "./donation-amount-bounds";
import { logger } from "@/lib/observability/logger";

const log = logger("payments");

export type StartDonationResult = { ok: true; url: string } | { ok: false; errors: DonationFieldErrors };

export const MESSAGES = {
  rateLimited: "You have started several gifts in the last minute. Please try again shortly.",
  notTakingGifts: "This campaign is not taking gifts right now.",
  stripeUnavailable: "We could not reach our payment provider. Nothing was charged; please try again in a moment.",
} as const;

/**
 * The donation form's submission: rate limit, the campaign must be active, the form must be
 * valid, then a Checkout Session is created. Bad input and refusals come back as messages and
 * create nothing at Stripe or in the database (the rate-limit counter aside).
 */
export async function startDonation(
  db: Database,
  stripe: Stripe,
  input: { campaignSlug: string; values: Record<string, unknown>; clientKey: string; embed?: EmbedClaim | null },
): Promise<StartDonationResult> {
  // A keyed hash: the shared rate-limit table keeps no client IP addresses.
  const limit = await consumeRateLimit(db, CHECKOUT_RATE_LIMIT, privateRateLimitKey("checkout-client", input.clientKey, linkSigningSecret()));
  if (!limit.allowed) return { ok: false, errors: { form: MESSAGES.rateLimited } };

  const campaign = /^[a-z0-9-]{1,120}$/.test(input.campaignSlug) ? await findGiftCampaignBySlug(db, input.campaignSlug) : null;
  if (!campaign || campaign.status !== "active") return { ok: false, errors: { form: MESSAGES.notTakingGifts } };

  const { DONATION_MIN_AMOUNT, DONATION_MAX_AMOUNT, APP_URL, ORG_NAME, ORG_CONTACT_EMAIL } = env();
  const bounds = donationAmountBounds(campaign.currency, { min: DONATION_MIN_AMOUNT, max: DONATION_MAX_AMOUNT });
  const parsed = parseDonationForm(input.values, campaign, bounds, ORG_CONTACT_EMAIL);
  if (!parsed.ok) return parsed;

  // Attribution only for a site allowed to embed this campaign (the claim comes from the browser).
  const embed = input.embed && isOriginAllowed(input.embed.origin, await allowedOriginsForCampaign(db, campaign.id)) ? input.embed : null;

  try {
    const { url } = await createDonationCheckout(stripe, {
      campaign,
      donation: parsed.request,
      embed,
      clientKey: input.clientKey,
      appUrl: APP_URL,
      organisationName: ORG_NAME,
    });
    return { ok: true, url };
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeError)) throw error;
    log.error(`checkout creation failed: ${describeStripeError(error)}`);
    return { ok: false, errors: { form: MESSAGES.stripeUnavailable } };
  }
}
