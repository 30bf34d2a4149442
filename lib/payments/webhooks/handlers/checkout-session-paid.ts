import "server-only";
import type Stripe from "stripe";
import { findOrCreateDonor, forgetErasedPayer, type DonorIdentity } from "@/lib/donations/donors";
import { campaignForPaidGift } from "@/lib/donations/gift-campaign";
import { recordGift } from "@/lib/donations/record-gift";
import { labelAnswers } from "@/lib/campaigns/campaign-questions";
import { signUpDonorForUpdates } from "@/lib/subscribers/donor-sign-up";
import { decodeGiftMetadata, dedicationCardFor, feeCoveredPart } from "../../gift-metadata";
import { acknowledge, giftOutcome, NOTHING_CHANGED, type EventHandler } from "../event-outcome";
import { donorFromCustomer, idOf, unixSeconds } from "../stripe-objects";
import { PAYMENT_FEE_EXPANSION, paymentFee } from "../balance-fees";
import { syncRecurringGift } from "../sync-recurring-gift";
import { stripeGiftMethod } from "@/lib/donations/gift-methods";
import { isBankDebit, markGiftInFlightSucceeded, recordGiftInFlight, type BankDebitMethod, type GiftInFlight } from "@/lib/donations/gifts-in-flight";

export async function payerOf(stripe: Stripe, session: Stripe.Checkout.Session): Promise<DonorIdentity> {
  const customerId = idOf(session.customer);
  const email = session.customer_details?.email ?? session.customer_email;
  if (email) return { email, name: session.customer_details?.name ?? null, stripeCustomerId: customerId };
  const fromCustomer = customerId ? await donorFromCustomer(stripe, customerId) : null;
  if (!fromCustomer) throw new Error(`checkout session ${session.id} has no payer email`);
  return fromCustomer;
}

/** The bank debit a one-off session was paid with (its PaymentIntent read expanded), or null for a card. */
function bankDebitOf(session: Stripe.Checkout.Session): BankDebitMethod | null {
  const intent = typeof session.payment_intent === "object" ? session.payment_intent : null;
  const charge = intent && typeof intent.latest_charge === "object" ? intent.latest_charge : null;
  const method = charge?.payment_method_details?.type ?? intent?.payment_method_types[0];
  return isBankDebit(method) ? method : null;
}

export function inFlight(
  session: Stripe.Checkout.Session,
  gift: { campaign: GiftInFlight["campaign"]; payer: DonorIdentity; amount: number; currency: string; method: BankDebitMethod },
): GiftInFlight {
  return {
    checkoutSessionId: session.id,
    paymentIntentId: idOf(session.payment_intent),
    campaign: gift.campaign,
    email: gift.payer.email,
    name: gift.payer.name,
    amount: gift.amount,
    currency: gift.currency,
    method: gift.method,
  };
}

/**
 * checkout.session.completed and checkout.session.async_payment_succeeded.
 * One-off gifts are recorded here, but only once the session is paid: a bank debit completes
 * the session unpaid (the gift is then "in flight", lib/donations/gifts-in-flight.ts, counted
 * nowhere) and succeeds or fails days later; either may arrive before the completion. For monthly giving the session only creates the
 * donor and recurring gift; the money is recorded per invoice by invoice.paid, which may
 * arrive before or after this event.
 * The session is read from Stripe again: the payload may be older than what Stripe knows now.
 */
export const handleCheckoutSessionPaid: EventHandler = async (ctx) => {
  const sessionId = (ctx.event.data.object as Stripe.Checkout.Session).id;
  // A monthly gift's subscription, or a one-off gift's payment with its fee (balance transaction),
  // comes expanded in the same read (one request, one moment's state).
  const session = await ctx.stripe.checkout.sessions.retrieve(sessionId, { expand: ["subscription", `payment_intent.${PAYMENT_FEE_EXPANSION}`] });
  const gift = decodeGiftMetadata(session.metadata);
  if (!gift) return acknowledge(ctx);

  if (session.mode === "subscription") {
    const subscriptionId = idOf(session.subscription);
    if (!subscriptionId) return acknowledge(ctx);
    const subscription =
      typeof session.subscription === "object" && session.subscription ? session.subscription : await ctx.stripe.subscriptions.retrieve(subscriptionId);
    const observedAt = unixSeconds();
    const donor = await forgetErasedPayer(ctx.db, await payerOf(ctx.stripe, session));
    const synced = await ctx.commit((tx) => syncRecurringGift(tx, { subscription, gift, donor, observedAt }));
    if (synced === null) return { status: "duplicate", ...NOTHING_CHANGED };
    const emailKeys = gift.wantsUpdates ? await signUpDonorForUpdates(ctx.db, { email: donor.email, name: donor.name, campaignId: gift.campaignId }) : [];
    return { status: "processed", ...NOTHING_CHANGED, emailKeys };
  }

  if (session.mode !== "payment" || session.amount_total === null || !session.currency) return acknowledge(ctx);
  const amount = session.amount_total;
  const currency = session.currency.toUpperCase();
  const bankDebit = bankDebitOf(session);
  if (session.payment_status !== "paid") {
    // A bank debit still processing: the gift is in flight (not counted) until async_payment_succeeded.
    const intent = typeof session.payment_intent === "object" ? session.payment_intent : null;
    if (session.status !== "complete" || intent?.status !== "processing" || !bankDebit) return acknowledge(ctx);
    const payer = await forgetErasedPayer(ctx.db, await payerOf(ctx.stripe, session));
    const queued = await ctx.commit(async (tx) => {
      const campaign = await campaignForPaidGift(tx, gift.campaignId);
      return recordGiftInFlight(tx, inFlight(session, { campaign, payer, amount, currency, method: bankDebit }));
    });
    if (queued === null) return { status: "duplicate", ...NOTHING_CHANGED };
    return { status: "processed", ...NOTHING_CHANGED, emailKeys: queued.value ? [queued.value] : [] };
  }
  const payer = await forgetErasedPayer(ctx.db, await payerOf(ctx.stripe, session));
  const fee = await paymentFee(ctx.stripe, session.payment_intent, currency);
  const recorded = await ctx.commit(async (tx) => {
    const donor = await findOrCreateDonor(tx, payer);
    const campaign = await campaignForPaidGift(tx, gift.campaignId);
    if (bankDebit) await markGiftInFlightSucceeded(tx, inFlight(session, { campaign, payer, amount, currency, method: bankDebit }));
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
      stripe: { checkoutSessionId: session.id, paymentIntentId: idOf(session.payment_intent), chargeId: fee?.chargeId ?? null },
      method: bankDebit ?? stripeGiftMethod(fee?.methodType),
      processingFee: fee,
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
