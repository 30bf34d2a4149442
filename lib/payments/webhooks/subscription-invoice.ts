import "server-only";
import type Stripe from "stripe";
import type { DonorIdentity } from "@/lib/donations/donors";
import { decodeGiftMetadata, type GiftMetadata } from "../gift-metadata";
import { donorFromCustomer, idOf, unixSeconds } from "./stripe-objects";

export interface SubscriptionInvoice {
  invoice: Stripe.Invoice;
  subscription: Stripe.Subscription;
  gift: GiftMetadata;
  payer: DonorIdentity;
  customerId: string;
  /** When the subscription was read from Stripe (unix seconds). */
  observedAt: number;
}

/**
 * A monthly-giving invoice as Stripe holds it now, with its subscription and the gift in the
 * subscription's metadata. Null when the invoice is not for a Lantern monthly gift.
 */
export async function loadSubscriptionInvoice(stripe: Stripe, invoiceId: string): Promise<SubscriptionInvoice | null> {
  // The subscription comes expanded in the same read (one request, one moment's state); read on
  // its own only if Stripe left it an id.
  const invoice = await stripe.invoices.retrieve(invoiceId, { expand: ["payments", "parent.subscription_details.subscription"] });
  const subscriptionRef = invoice.parent?.subscription_details?.subscription ?? null;
  const subscriptionId = idOf(subscriptionRef);
  const customerId = idOf(invoice.customer);
  if (!subscriptionId || !customerId) return null;

  const subscription = typeof subscriptionRef === "object" && subscriptionRef ? subscriptionRef : await stripe.subscriptions.retrieve(subscriptionId);
  const observedAt = unixSeconds();
  const gift = decodeGiftMetadata(subscription.metadata);
  if (!gift) return null;

  const payer: DonorIdentity | null = invoice.customer_email
    ? { email: invoice.customer_email, name: invoice.customer_name, stripeCustomerId: customerId }
    : await donorFromCustomer(stripe, customerId);
  if (!payer) throw new Error(`invoice ${invoice.id} has no payer email`);
  return { invoice, subscription, gift, payer, customerId, observedAt };
}
