import "server-only";
import type Stripe from "stripe";
import type { DonorIdentity } from "@/lib/donations/donors";
import type { RecurringGiftState } from "@/lib/donations/recurring-gifts";
import { feeCoveredPart, type GiftMetadata } from "../gift-metadata";

/** Expandable Stripe fields hold an id or the object; this is the id either way. */
export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (value == null) return null;
  return typeof value === "string" ? value : value.id;
}

export function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * Who paid, from the customer at Stripe (current email and name). Null when the customer was
 * deleted at Stripe: then only an existing recurring gift can be updated.
 */
export async function donorFromCustomer(stripe: Stripe, customerId: string): Promise<DonorIdentity | null> {
  return donorOf(await stripe.customers.retrieve(customerId));
}

/** The payer a customer object names; null for a deleted customer or one without an email. */
function donorOf(customer: Stripe.Customer | Stripe.DeletedCustomer): DonorIdentity | null {
  if (customer.deleted || !customer.email) return null;
  return { email: customer.email, name: customer.name ?? null, stripeCustomerId: customer.id };
}

/**
 * Who paid, from a customer field read with `expand: ["…customer"]` (the same read as the
 * object that holds it, so no second request): the expanded object when Stripe gave one, else
 * (an id left unexpanded) the customer read on its own. Null: no customer, deleted, or no email.
 */
export async function donorFromExpandedCustomer(
  stripe: Stripe,
  customer: string | Stripe.Customer | Stripe.DeletedCustomer | null | undefined,
): Promise<DonorIdentity | null> {
  if (customer == null) return null;
  if (typeof customer === "string") return donorFromCustomer(stripe, customer);
  return donorOf(customer);
}

function dateOf(unix: number | null | undefined): Date | null {
  return typeof unix === "number" && Number.isFinite(unix) ? new Date(unix * 1000) : null;
}

/** A monthly amount from the subscription's items: what each invoice charges. */
export function subscriptionAmount(subscription: Stripe.Subscription): number {
  return subscription.items.data.reduce((sum, item) => sum + (item.price.unit_amount ?? 0) * (item.quantity ?? 1), 0);
}

/** The recurring gift as the subscription describes it now (without the donor, resolved separately). */
export function recurringGiftStateOf(
  subscription: Stripe.Subscription,
  gift: GiftMetadata,
  campaignId: string,
  observedAt: number,
): Omit<RecurringGiftState, "donorId"> {
  const amount = subscriptionAmount(subscription);
  const periodEnds = subscription.items.data.map((item) => item.current_period_end).filter((end) => Number.isFinite(end));
  return {
    stripeSubscriptionId: subscription.id,
    campaignId,
    amount,
    feeCoveredAmount: feeCoveredPart(gift, amount),
    currency: subscription.currency.toUpperCase(),
    interval: subscription.items.data[0]?.price.recurring?.interval === "year" ? "year" : "month",
    status: subscription.status,
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    cancelAt: dateOf(subscription.cancel_at),
    currentPeriodEnd: periodEnds.length > 0 ? new Date(Math.max(...periodEnds) * 1000) : null,
    canceledAt: dateOf(subscription.canceled_at),
    endedAt: dateOf(subscription.ended_at),
    // Lantern pauses only with a date to resume (behavior void); Stripe clears pause_collection when it resumes.
    pausedUntil: dateOf(subscription.pause_collection?.resumes_at ?? null),
    anonymous: gift.anonymous,
    dedication: gift.dedication,
    observedAt,
  };
}
