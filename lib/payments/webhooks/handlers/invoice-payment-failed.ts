import "server-only";
import type Stripe from "stripe";
import { findOrCreateDonor, forgetErasedPayer } from "@/lib/donations/donors";
import { campaignForPaidGift } from "@/lib/donations/gift-campaign";
import { formatGiftDate } from "@/lib/donations/gift-wording";
import { env } from "@/lib/env";
import { queueEmail } from "@/lib/email/outbox";
import { formatMoney } from "@/lib/money/money";
import { manageGivingUrl } from "../../manage-link";
import { acknowledge, NOTHING_CHANGED, type EventHandler } from "../event-outcome";
import { loadSubscriptionInvoice } from "../subscription-invoice";
import { syncRecurringGift } from "../sync-recurring-gift";
import { bankDebitLabel, isBankDebit, settleGiftInFlight } from "@/lib/donations/gifts-in-flight";
import { paymentFee } from "../balance-fees";
import { instalmentInFlight, invoicePaymentIntentId } from "../instalment-in-flight";

/**
 * invoice.payment_failed: a monthly payment did not go through. The donor gets one email per
 * invoice (Stripe retries the same invoice several times) with a link to update their card;
 * the recurring gift takes the subscription's new status (past_due, …). Nothing is recorded as given.
 * A bank debit fails days after it started: its instalment in flight becomes failed (written now
 * if this came before payment_intent.processing, so that one cannot put it back in flight) and
 * the email says the bank did not complete it, nothing was taken.
 */
export const handleInvoicePaymentFailed: EventHandler = async (ctx) => {
  const loaded = await loadSubscriptionInvoice(ctx.stripe, (ctx.event.data.object as Stripe.Invoice).id);
  if (!loaded || loaded.invoice.status === "paid") return acknowledge(ctx);
  const { invoice, subscription, gift, customerId, observedAt } = loaded;
  const payer = await forgetErasedPayer(ctx.db, loaded.payer);
  const key = `payment-failed:${invoice.id}`;
  const paymentIntentId = invoicePaymentIntentId(invoice);
  const attempt = await paymentFee(ctx.stripe, paymentIntentId, invoice.currency.toUpperCase());
  const bankDebit = isBankDebit(attempt?.methodType) ? attempt.methodType : null;

  const committed = await ctx.commit(async (tx) => {
    const donor = await findOrCreateDonor(tx, payer);
    const recurring = await syncRecurringGift(tx, { subscription, gift, donor, observedAt });
    const campaign = recurring?.campaign ?? (await campaignForPaidGift(tx, gift.campaignId));
    // Not when Stripe is already trying again (its retry is processing): this failure is an earlier attempt's.
    if (bankDebit && attempt?.paymentIntentStatus !== "processing") {
      await settleGiftInFlight(tx, instalmentInFlight(loaded, campaign, bankDebit, paymentIntentId), "failed");
    }
    return queueEmail(tx, {
      idempotencyKey: key,
      template: "monthly-payment-failed",
      to: donor.email,
      props: {
        organisationName: env().ORG_NAME,
        donorName: donor.name,
        amount: formatMoney(invoice.amount_due, invoice.currency.toUpperCase(), { showCents: true }),
        campaignTitle: campaign.title,
        nextAttempt: invoice.next_payment_attempt ? formatGiftDate(new Date(invoice.next_payment_attempt * 1000)) : null,
        manageUrl: manageGivingUrl(customerId),
        methodLabel: bankDebit ? bankDebitLabel(bankDebit) : null,
      },
    });
  });
  if (committed === null) return { status: "duplicate", ...NOTHING_CHANGED };
  return { status: "processed", campaignIds: [], emailKeys: committed.value ? [key] : [] };
};
