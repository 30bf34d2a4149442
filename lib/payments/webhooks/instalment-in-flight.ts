import "server-only";
import type Stripe from "stripe";
import type { GiftCampaign } from "@/lib/donations/gift-campaign";
import type { BankDebitMethod, GiftInFlight } from "@/lib/donations/gifts-in-flight";
import type { SubscriptionInvoice } from "./subscription-invoice";
import { idOf } from "./stripe-objects";

/** The PaymentIntent of an invoice's latest attempt (its default payment), as Stripe lists it. */
export function invoicePaymentIntentId(invoice: Stripe.Invoice): string | null {
  const payments = invoice.payments?.data ?? [];
  const payment = payments.find((candidate) => candidate.is_default) ?? payments[0];
  return idOf(payment?.payment.payment_intent ?? null);
}

/** A monthly gift's instalment by bank debit, keyed by its invoice (lib/donations/gifts-in-flight.ts). */
export function instalmentInFlight(
  loaded: Pick<SubscriptionInvoice, "invoice" | "payer">,
  campaign: Pick<GiftCampaign, "id" | "kind" | "slug" | "title">,
  method: BankDebitMethod,
  paymentIntentId: string | null,
): GiftInFlight {
  return {
    checkoutSessionId: null,
    invoiceId: loaded.invoice.id,
    paymentIntentId,
    campaign,
    email: loaded.payer.email,
    name: loaded.payer.name,
    amount: loaded.invoice.amount_due,
    currency: loaded.invoice.currency.toUpperCase(),
    method,
  };
}
