import "server-only";
import type Stripe from "stripe";

/**
 * A Stripe customer portal session, where a monthly donor updates the card, changes the
 * amount or cancels. Sessions are short-lived, so one is made on each request, never emailed.
 */
export async function customerPortalUrl(stripe: Stripe, customerId: string, returnUrl: string): Promise<string> {
  const session = await stripe.billingPortal.sessions.create({ customer: customerId, return_url: returnUrl });
  return session.url;
}
