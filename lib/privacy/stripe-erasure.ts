import "server-only";
import Stripe from "stripe";

/*
 * The Stripe side of erasing a donor. Stripe keeps its own records of each payment (the checkout
 * session's customer_details, the charge's billing details) and lets no one edit those; what it
 * does allow is unsetting a customer's personal fields, which is what is done here, for every
 * customer the donor paid with (each one-off gift makes one). Monthly and yearly gifts still
 * charging are cancelled first: nobody is charged after asking to be forgotten.
 */

const isMissing = (error: unknown) =>
  error instanceof Stripe.errors.StripeInvalidRequestError && (error.code === "resource_missing" || error.statusCode === 404);

/** A few requests at a time: a donor with many gifts makes as many reads. */
async function eachLimited<T>(items: readonly T[], work: (item: T) => Promise<void>, width = 4): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  });
  await Promise.all(lanes);
}

const idOf = (value: string | { id: string } | null | undefined) => (value == null ? null : typeof value === "string" ? value : value.id);

/**
 * Every Stripe customer of the donor: the one on the donor row, each checkout session's and
 * subscription's, and any other customer Stripe has under the address (an exact match, as
 * Stripe's filter is). A session or subscription Stripe no longer knows adds nothing.
 */
export async function stripeCustomersOfDonor(
  stripe: Stripe,
  donor: { email: string | null; stripeCustomerId: string | null; checkoutSessionIds: string[]; subscriptionIds: string[] },
): Promise<string[]> {
  const found = new Set<string>(donor.stripeCustomerId ? [donor.stripeCustomerId] : []);
  const add = (id: string | null) => {
    if (id) found.add(id);
  };
  await eachLimited(donor.checkoutSessionIds, async (id) => {
    try {
      add(idOf((await stripe.checkout.sessions.retrieve(id)).customer));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  });
  await eachLimited(donor.subscriptionIds, async (id) => {
    try {
      add(idOf((await stripe.subscriptions.retrieve(id)).customer));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  });
  if (donor.email) {
    for await (const customer of stripe.customers.list({ email: donor.email, limit: 100 })) add(customer.id);
  }
  return [...found].sort();
}

/** Cancels each subscription now (an already-ended or unknown one is left as it is). */
export async function cancelSubscriptions(stripe: Stripe, subscriptionIds: readonly string[]): Promise<void> {
  await eachLimited(subscriptionIds, async (id) => {
    try {
      const subscription = await stripe.subscriptions.retrieve(id);
      if (subscription.status === "canceled" || subscription.status === "incomplete_expired") return;
      await stripe.subscriptions.cancel(id, {}, { idempotencyKey: `erase-donor:cancel:${id}` });
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  });
}

/**
 * Unsets the customer's name, email, phone, address, shipping details and description (an
 * empty string is Stripe's way of unsetting a field). A customer deleted at Stripe is done too.
 */
export async function detachCustomerPersonalFields(stripe: Stripe, customerId: string): Promise<void> {
  try {
    await stripe.customers.update(customerId, { name: "", email: "", phone: "", description: "", address: "", shipping: "" });
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}
