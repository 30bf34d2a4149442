import { getDb } from "@/db/client";
import { revalidateCampaignFigures } from "@/lib/campaigns/cache-tags";
import { deliverQueuedEmails } from "@/lib/email/outbox";
import { stripeWebhookSecret } from "@/lib/env";
import { stripe } from "@/lib/payments/stripe-client";
import { processStripeEvent } from "@/lib/payments/webhooks/process-stripe-event";
import { verifyStripeWebhook } from "@/lib/payments/webhooks/verify-webhook";

/**
 * Stripe's webhook endpoint: the only way money gets into the database.
 * 400 for a missing or bad signature (nothing written); 200 once the event is handled,
 * already handled, or of a type Lantern ignores; 500 on any failure, so Stripe retries.
 */
export async function POST(request: Request): Promise<Response> {
  const payload = await request.text();
  const event = verifyStripeWebhook(stripe(), payload, request.headers.get("stripe-signature"), stripeWebhookSecret());
  if (!event) return Response.json({ error: "Invalid Stripe signature" }, { status: 400 });

  const db = await getDb();
  let outcome;
  try {
    outcome = await processStripeEvent(db, stripe(), event);
  } catch (error) {
    console.error(`[webhooks] ${event.type} ${event.id} failed; Stripe will retry:`, error);
    return Response.json({ error: "Event could not be processed" }, { status: 500 });
  }
  // The work is committed: refresh the public figures and send receipts. A failed send stays
  // queued in the outbox, so neither step can make Stripe deliver the event again.
  for (const campaignId of outcome.campaignIds) await revalidateCampaignFigures(campaignId);
  if (outcome.emailKeys.length > 0) await deliverQueuedEmails(db, { keys: outcome.emailKeys });
  return Response.json({ received: true, status: outcome.status });
}
