import "server-only";
import type Stripe from "stripe";
import { findOrCreateDonor, forgetErasedPayer } from "@/lib/donations/donors";
import { campaignForPaidGift } from "@/lib/donations/gift-campaign";
import { recordGift } from "@/lib/donations/record-gift";
import { labelAnswers } from "@/lib/campaigns/campaign-questions";
import { dedicationCardFor, feeCoveredPart } from "../../gift-metadata";
import { manageGivingUrl } from "../../manage-link";
import { acknowledge, giftOutcome, type EventHandler } from "../event-outcome";
import { idOf } from "../stripe-objects";
import { loadSubscriptionInvoice } from "../subscription-invoice";
import { paymentFee } from "../balance-fees";
import { syncRecurringGift } from "../sync-recurring-gift";
import { isBankDebit, settleGiftInFlight } from "@/lib/donations/gifts-in-flight";
import { stripeGiftMethod } from "@/lib/donations/gift-methods";
import { instalmentInFlight } from "../instalment-in-flight";

/** The PaymentIntent that paid the invoice, when Stripe lists one (kept so refunds can find the gift). */
function paymentIntentOf(invoice: Stripe.Invoice): string | null {
  const paid = invoice.payments?.data.find((payment) => payment.status === "paid" && payment.payment.type === "payment_intent");
  return idOf(paid?.payment.payment_intent ?? null);
}

/**
 * invoice.paid: every monthly payment, the first included, becomes a gift linked to its
 * recurring gift and campaign. Does not depend on checkout.session.completed having arrived:
 * the subscription (read from Stripe now) carries the gift's metadata, and the recurring gift
 * and donor are created here when they are new.
 */
export const handleInvoicePaid: EventHandler = async (ctx) => {
  const loaded = await loadSubscriptionInvoice(ctx.stripe, (ctx.event.data.object as Stripe.Invoice).id);
  if (!loaded || loaded.invoice.status !== "paid" || loaded.invoice.amount_paid <= 0) return acknowledge(ctx);
  const { invoice, subscription, gift, customerId, observedAt } = loaded;
  const payer = await forgetErasedPayer(ctx.db, loaded.payer);

  const amount = invoice.amount_paid;
  const currency = invoice.currency.toUpperCase();
  const paidAt = new Date((invoice.status_transitions.paid_at ?? ctx.event.created) * 1000);
  const first = invoice.billing_reason === "subscription_create";
  const receiptKey = `receipt:${invoice.id}`;
  const paymentIntentId = paymentIntentOf(invoice);
  const fee = await paymentFee(ctx.stripe, paymentIntentId, currency);
  const bankDebit = isBankDebit(fee?.methodType) ? fee.methodType : null;

  const committed = await ctx.commit(async (tx) => {
    const donor = await findOrCreateDonor(tx, payer);
    const recurring = await syncRecurringGift(tx, { subscription, gift, donor, observedAt });
    const campaign = recurring?.campaign ?? (await campaignForPaidGift(tx, gift.campaignId));
    // A bank debit's instalment was in flight (or this success came first): settled in the gift's transaction.
    if (bankDebit) await settleGiftInFlight(tx, instalmentInFlight(loaded, campaign, bankDebit, paymentIntentId), "succeeded");
    return recordGift(tx, {
      donor,
      campaign,
      kind: "recurring",
      recurringGiftId: recurring?.id ?? null,
      amount,
      feeCoveredAmount: feeCoveredPart(gift, amount),
      currency,
      anonymous: gift.anonymous,
      dedication: gift.dedication,
      embed: gift.embed ?? null,
      answers: labelAnswers(campaign.questions, gift.answers),
      postalAddress: gift.postalAddress ?? null,
      stripe: { invoiceId: invoice.id, paymentIntentId, chargeId: fee?.chargeId ?? null },
      method: stripeGiftMethod(fee?.methodType),
      processingFee: fee,
      paidAt,
      receipt: {
        template: first ? "monthly-welcome-receipt" : "monthly-receipt",
        idempotencyKey: receiptKey,
        manageUrl: manageGivingUrl(customerId),
        interval: subscription.items.data[0]?.price.recurring?.interval === "year" ? "year" : "month",
      },
      // Monthly giving sends its card once, with the first payment, not every month.
      dedicationCard: first ? dedicationCardFor(gift, `dedication-card:${subscription.id}`) : null,
    });
  });
  return giftOutcome(committed);
};
