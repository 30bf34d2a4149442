import Stripe from "stripe";
import { z } from "zod";

/** Stripe's default: a signature older than five minutes is refused (replay protection). */
export const TOLERANCE_SECONDS = 300;

/** Stripe's own events are a few kilobytes; anything over this is refused (413) unread. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

/** The least an event must have for any handler to read it safely. */
const eventShape = z.object({
  id: z.string().regex(/^evt_\w+$/),
  object: z.literal("event"),
  type: z.string().min(1).max(200),
  created: z.number().int().nonnegative(),
  data: z.object({ object: z.looseObject({ id: z.string().min(1).max(255).optional() }) }),
});

export type VerifiedWebhook =
  | { ok: true; event: Stripe.Event }
  /** signature: missing, wrong, too old or from the future; malformed: signed by us, but not a Stripe event. */
  | { ok: false; reason: "signature" | "malformed" };

/** The `t=` of a Stripe-Signature header read as the SDK reads it (the last one wins), or null. */
function signedAt(header: string): number | null {
  let timestamp: number | null = null;
  for (const item of header.split(",")) {
    const [key, value] = item.split("=");
    if (key === "t") timestamp = Number.parseInt(value ?? "", 10);
  }
  return timestamp !== null && Number.isFinite(timestamp) ? timestamp : null;
}

/**
 * The event in a webhook request, once the Stripe-Signature header signs exactly these bytes
 * with our endpoint secret within the tolerance either way (the SDK only refuses old
 * timestamps; a future one would let a captured request be replayed for longer). A correctly
 * signed body that is not a Stripe event is "malformed". Verify the raw body, never a
 * re-serialised one: any change to the bytes breaks the signature.
 */
export function verifyStripeWebhook(
  stripe: Stripe,
  payload: string,
  signature: string | null,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): VerifiedWebhook {
  if (!signature) return { ok: false, reason: "signature" };
  const timestamp = signedAt(signature);
  if (timestamp === null || timestamp > nowSeconds + TOLERANCE_SECONDS) return { ok: false, reason: "signature" };
  try {
    // The SDK verifies first and parses after (constructEvent); verifying alone tells the two apart.
    stripe.webhooks.signature!.verifyHeader(payload, signature, secret, TOLERANCE_SECONDS, undefined, nowSeconds * 1000); // the SDK takes milliseconds here
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) return { ok: false, reason: "signature" };
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (!eventShape.safeParse(parsed).success) return { ok: false, reason: "malformed" };
  return { ok: true, event: parsed as Stripe.Event };
}
