import Stripe from "stripe";

/** Stripe's default: a signature older than five minutes is refused (replay protection). */
const TOLERANCE_SECONDS = 300;

/**
 * The event in a webhook request, or null when the Stripe-Signature header is missing or does
 * not sign exactly these bytes with our endpoint secret. Verify the raw body, never a
 * re-serialised one: any change to the bytes breaks the signature.
 */
export function verifyStripeWebhook(stripe: Stripe, payload: string, signature: string | null, secret: string): Stripe.Event | null {
  if (!signature) return null;
  try {
    return stripe.webhooks.constructEvent(payload, signature, secret, TOLERANCE_SECONDS);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) return null;
    throw error;
  }
}
