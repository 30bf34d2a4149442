import "server-only";
import { createHash } from "node:crypto";
import type Stripe from "stripe";
import { campaignUrl, type GiftCampaign } from "@/lib/donations/gift-campaign";
import { formatMoney } from "@/lib/money/money";
import type { DonationRequest } from "./donation-form";
import type { EmbedClaim } from "@/lib/embed/embed-fields";
import { encodeGiftMetadata } from "./gift-metadata";

export interface CheckoutInput {
  campaign: GiftCampaign;
  donation: DonationRequest;
  /** Started in a widget on an allowed site (lib/embed): recorded with the gift. */
  embed?: EmbedClaim | null;
  /** Who is asking (the client address): part of the idempotency key. */
  clientKey: string;
  appUrl: string;
  organisationName: string;
  now?: Date;
}

/** Without JavaScript the form has no submission id; clicks within this window count as one. */
const NO_SCRIPT_WINDOW_MS = 10_000;

/**
 * One Checkout Session per form submission. The key covers the submission id (random per
 * rendering of the form, or a short time window without JavaScript), the client and every
 * choice, so a double click returns the same session while a changed amount is a new one.
 */
export function checkoutIdempotencyKey(input: CheckoutInput, params: Stripe.Checkout.SessionCreateParams): string {
  const submission = input.donation.submissionId || `window-${Math.floor((input.now ?? new Date()).getTime() / NO_SCRIPT_WINDOW_MS)}`;
  const digest = createHash("sha256")
    .update(JSON.stringify([submission, input.clientKey, params]))
    .digest("hex");
  return `lantern-checkout-${digest.slice(0, 48)}`;
}

function recipient(input: Pick<CheckoutInput, "campaign" | "organisationName">): string {
  return input.campaign.kind === "general_fund" ? `${input.organisationName}, where it's needed most` : input.campaign.title;
}

export function giftDescription(input: Pick<CheckoutInput, "campaign" | "organisationName">, frequency: DonationRequest["frequency"]): string {
  return `${frequency === "monthly" ? "Monthly gift" : frequency === "yearly" ? "Yearly gift" : "Gift"} to ${recipient(input)}`;
}

export function checkoutSessionParams(input: CheckoutInput): Stripe.Checkout.SessionCreateParams {
  const { campaign, donation, appUrl } = input;
  // A yearly gift is the same subscription as a monthly one, billed each year (price recurring.interval).
  const interval = donation.frequency === "monthly" ? ("month" as const) : donation.frequency === "yearly" ? ("year" as const) : null;
  const total = donation.giftAmount + donation.feeCoveredAmount;
  const name = giftDescription(input, donation.frequency);
  const metadata = encodeGiftMetadata({
    campaignId: campaign.id,
    frequency: donation.frequency,
    giftAmount: donation.giftAmount,
    feeCoveredAmount: donation.feeCoveredAmount,
    anonymous: donation.anonymous,
    dedication: donation.dedication,
    wantsUpdates: donation.wantsUpdates,
    dedicationNotice: donation.dedicationNotice,
    embed: input.embed ? { origin: input.embed.origin, kind: input.embed.kind } : null,
    embedPage: input.embed?.page ?? null,
    answers: donation.answers,
    postalAddress: donation.postalAddress ?? null,
  });
  const feeNote =
    donation.feeCoveredAmount > 0 ? `Includes ${formatMoney(donation.feeCoveredAmount, campaign.currency, { showCents: true })} to cover card fees.` : null;
  const lineItem: Stripe.Checkout.SessionCreateParams.LineItem = {
    quantity: 1,
    price_data: {
      currency: campaign.currency.toLowerCase(),
      unit_amount: total,
      product_data: { name, ...(feeNote ? { description: feeNote } : {}) },
      ...(interval ? { recurring: { interval } } : {}),
    },
  };
  const common = {
    line_items: [lineItem],
    metadata,
    success_url: `${new URL("/donate/thank-you", appUrl).toString()}?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: campaignUrl(campaign, appUrl),
  };
  // Checkout's own words: "Donate" on the button for both (Stripe takes submit_type in subscription
  // mode since 2024-11-20), and a monthly or yearly gift named as a gift beside it, not a "subscription".
  const recurringNote = `This is a ${interval === "year" ? "yearly" : "monthly"} gift of ${formatMoney(total, campaign.currency, { showCents: true })} to ${recipient(input)}, until you cancel. Change or cancel it at any time from the link in your receipt.`;
  return interval
    ? {
        ...common,
        mode: "subscription",
        submit_type: "donate",
        custom_text: { submit: { message: recurringNote } },
        subscription_data: { description: name, metadata },
      }
    : { ...common, mode: "payment", submit_type: "donate", customer_creation: "always", payment_intent_data: { description: name, metadata } };
}

/** Creates the Checkout Session for a validated donation; the caller redirects to `url`. */
export async function createDonationCheckout(stripe: Stripe, input: CheckoutInput): Promise<{ sessionId: string; url: string }> {
  const params = checkoutSessionParams(input);
  const session = await stripe.checkout.sessions.create(params, { idempotencyKey: checkoutIdempotencyKey(input, params) });
  if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
  return { sessionId: session.id, url: session.url };
}
