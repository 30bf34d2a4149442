import "server-only";
import type Stripe from "stripe";
import { campaignForPaidGift } from "@/lib/donations/gift-campaign";
import { isBankDebit, recordGiftInFlight } from "@/lib/donations/gifts-in-flight";
import { acknowledge, NOTHING_CHANGED, type EventHandler } from "../event-outcome";
import { instalmentInFlight } from "../instalment-in-flight";
import { loadSubscriptionInvoice } from "../subscription-invoice";

/**
 * payment_intent.processing: a monthly gift's instalment by bank debit has started (the first
 * with Checkout, or a renewal) and Stripe will settle it days later. The instalment is in flight,
 * counted nowhere, until invoice.paid records it or invoice.payment_failed tells the donor; the
 * first one's donor is told it is on its way (a renewal's only gets its receipt). A one-off
 * gift's debit is Checkout's to report (checkout.session.completed), so it is left alone here.
 * The PaymentIntent is read again: by the time this arrives it may have settled, and then the
 * invoice's own events say so.
 */
export const handlePaymentIntentProcessing: EventHandler = async (ctx) => {
  const paymentIntentId = (ctx.event.data.object as Stripe.PaymentIntent).id;
  const paymentIntent = await ctx.stripe.paymentIntents.retrieve(paymentIntentId, { expand: ["latest_charge"] });
  const charge = typeof paymentIntent.latest_charge === "object" ? paymentIntent.latest_charge : null;
  const method = charge?.payment_method_details?.type ?? paymentIntent.payment_method_types[0];
  if (paymentIntent.status !== "processing" || !isBankDebit(method)) return acknowledge(ctx);
  const payments = await ctx.stripe.invoicePayments.list({ payment: { type: "payment_intent", payment_intent: paymentIntentId }, limit: 1 });
  const invoiceId = payments.data[0]?.invoice;
  if (typeof invoiceId !== "string") return acknowledge(ctx);
  const loaded = await loadSubscriptionInvoice(ctx.stripe, invoiceId);
  if (!loaded || loaded.invoice.status !== "open" || loaded.invoice.amount_due <= 0) return acknowledge(ctx);
  const first = loaded.invoice.billing_reason === "subscription_create";
  const committed = await ctx.commit(async (tx) => {
    const campaign = await campaignForPaidGift(tx, loaded.gift.campaignId);
    return recordGiftInFlight(tx, instalmentInFlight(loaded, campaign, method, paymentIntentId), { notify: first });
  });
  if (committed === null) return { status: "duplicate", ...NOTHING_CHANGED };
  return { status: "processed", ...NOTHING_CHANGED, emailKeys: committed.value ? [committed.value] : [] };
};
