import "server-only";
import type Stripe from "stripe";
import { findOrCreateDonor, type DonorIdentity } from "@/lib/donations/donors";
import { campaignForPaidGift } from "@/lib/donations/gift-campaign";
import { recordGift } from "@/lib/donations/record-gift";
import { labelAnswers } from "@/lib/campaigns/campaign-questions";
import { signUpDonorForUpdates } from "@/lib/subscribers/donor-sign-up";
import { decodeGiftMetadata, dedicationCardFor, feeCoveredPart } from "../../gift-metadata";
import { acknowledge, giftOutcome, NOTHING_CHANGED, type EventHandler } from "../event-outcome";
import { donorFromCustomer, idOf, unixSeconds } from "../stripe-objects";
import { syncRecurringGift } from "../sync-recurring-gift";

async function payerOf(stripe: Stripe, session: Stripe.Checkout.Session): Promise<DonorIdentity> {
  const customerId = idOf(session.customer);
  const email = session.customer_details?.email ?? session.customer_email;
  if (email) return { email, name: session.customer_details?.name ?? null, stripeCustomerId: customerId };
  const fromCustomer = customerId ? await donorFromCustomer(stripe, customerId) : null;
  if (!fromCustomer) throw new Error(`checkout session ${session.id} has no payer email`);
  return fromCustomer;
}

/**
 * checkout.session.completed and checkout.session.async_payment_succeeded.
 * One-off gifts are recorded here, but only once the session is paid (a bank debit completes
 * the session unpaid and succeeds later). For monthly giving the session only creates the
 * donor and recurring gift; the money is recorded per invoice by invoice.paid, which may
 * arrive before or after this event.
 * The session is read from Stripe again: the payload may be older than what Stripe knows now.
 */
export const handleCheckoutSessionPaid: EventHandler = async (ctx) => {
  const sessionId = (ctx.event.data.object as Stripe.Checkout.Session).id;
  // A monthly gift's subscription comes expanded in the same read (one request, one moment's state).
  const session = await ctx.stripe.checkout.sessions.retrieve(sessionId, { expand: ["subscription"] });
  const gift = decodeGiftMetadata(session.metadata);
  if (!gift) return acknowledge(ctx);

  if (session.mode === "subscription") {
    const subscriptionId = idOf(session.subscription);
    if (!subscriptionId) return acknowledge(ctx);
    const subscription =
      typeof session.subscription === "object" && session.subscription ? session.subscription : await ctx.stripe.subscriptions.retrieve(subscriptionId);
    const observedAt = unixSeconds();
    const donor = await payerOf(ctx.stripe, session);
    const synced = await ctx.commit((tx) => syncRecurringGift(tx, { subscription, gift, donor, observedAt }));
    if (synced === null) return { status: "duplicate", ...NOTHING_CHANGED };
    const emailKeys = gift.wantsUpdates ? await signUpDonorForUpdates(ctx.db, { email: donor.email, name: donor.name, campaignId: gift.campaignId }) : [];
    return { status: "processed", ...NOTHING_CHANGED, emailKeys };
  }

  if (session.mode !== "payment" || session.payment_status !== "paid" || session.amount_total === null || !session.currency) {
    return acknowledge(ctx); // not paid yet: async_payment_succeeded will bring it
  }
  const amount = session.amount_total;
  const currency = session.currency.toUpperCase();
  const payer = await payerOf(ctx.stripe, session);
  const recorded = await ctx.commit(async (tx) => {
    const donor = await findOrCreateDonor(tx, payer);
    const campaign = await campaignForPaidGift(tx, gift.campaignId);
    return recordGift(tx, {
      donor,
      campaign,
      kind: "one_off",
      recurringGiftId: null,
      amount,
      feeCoveredAmount: feeCoveredPart(gift, amount),
      currency,
      anonymous: gift.anonymous,
      dedication: gift.dedication,
      embed: gift.embed ?? null,
      answers: labelAnswers(campaign.questions, gift.answers),
      postalAddress: gift.postalAddress ?? null,
      stripe: { checkoutSessionId: session.id, paymentIntentId: idOf(session.payment_intent) },
      paidAt: new Date(ctx.event.created * 1000),
      receipt: { template: "one-off-receipt", idempotencyKey: `receipt:${session.id}`, manageUrl: null },
      dedicationCard: dedicationCardFor(gift, `dedication-card:${session.id}`),
    });
  });
  const outcome = giftOutcome(recorded);
  if (outcome.status === "processed" && gift.wantsUpdates) {
    // After the gift's transaction: a failed sign-up must never lose or repeat the gift.
    outcome.emailKeys = [...outcome.emailKeys, ...(await signUpDonorForUpdates(ctx.db, { email: payer.email, name: payer.name, campaignId: gift.campaignId }))];
  }
  return outcome;
};
