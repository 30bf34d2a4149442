import type Stripe from "stripe";
import { getDb } from "@/db/client";
import { isDatabaseUnavailable } from "@/db/database-errors";
import { revalidateCampaignFigures } from "@/lib/campaigns/cache-tags";
import { deliverQueuedEmails } from "@/lib/email/outbox";
import { stripeWebhookSecret } from "@/lib/env";
import { readLimitedBody } from "@/lib/http/read-limited-body";
import { serviceUnavailableJson } from "@/lib/http/service-unavailable";
import { logger } from "@/lib/observability/logger";
import { withRequestContext } from "@/lib/observability/request-context";
import { stripe } from "@/lib/payments/stripe-client";
import { processStripeEvent, withStripeEventLogContext } from "@/lib/payments/webhooks/process-stripe-event";
import { MAX_WEBHOOK_BODY_BYTES, verifyStripeWebhook } from "@/lib/payments/webhooks/verify-webhook";

/**
 * Stripe's webhook endpoint: the only way money gets into the database.
 * 413 for a body over 1 MB (never read whole); 400 for a missing, bad, stale or future
 * signature, or a signed body that is not a Stripe event (nothing written); 200 once the event
 * is handled, already handled, of a type Lantern ignores, or about an object Stripe does not
 * have (recorded for the reconcile report); 503 while the database is unreachable and 500 on
 * any other failure, so Stripe retries.
 */
export function POST(request: Request): Promise<Response> {
  return withRequestContext(request, () => receive(request));
}

const log = logger("webhooks");

async function receive(request: Request): Promise<Response> {
  const body = await readLimitedBody(request, MAX_WEBHOOK_BODY_BYTES);
  if (!body.ok) return Response.json({ error: "Payload too large" }, { status: 413 });
  const verified = verifyStripeWebhook(stripe(), body.text, request.headers.get("stripe-signature"), stripeWebhookSecret());
  if (!verified.ok) {
    // Many of these after a deploy: STRIPE_WEBHOOK_SECRET is not the endpoint's signing secret.
    log.warn({ reason: verified.reason }, "webhook refused: bad signature or not a Stripe event");
    return Response.json({ error: verified.reason === "signature" ? "Invalid Stripe signature" : "Not a Stripe event" }, { status: 400 });
  }
  const { event } = verified;
  // Every line from here on, the receipts' delivery included, carries the event's id and type.
  return withStripeEventLogContext(event, () => handle(event));
}

async function handle(event: Stripe.Event): Promise<Response> {
  let outcome;
  let db;
  try {
    db = await getDb();
    outcome = await processStripeEvent(db, stripe(), event);
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      log.error("database unavailable; Stripe will retry");
      return serviceUnavailableJson({ error: "Database unavailable; retry later" });
    }
    log.error({ err: error }, "event failed; Stripe will retry");
    return Response.json({ error: "Event could not be processed" }, { status: 500 });
  }
  // The work is committed: refresh the public figures and send receipts. A failed send stays
  // queued in the outbox, so neither step can make Stripe deliver the event again.
  for (const campaignId of outcome.campaignIds) await revalidateCampaignFigures(campaignId);
  if (outcome.emailKeys.length > 0) {
    await deliverQueuedEmails(db, { keys: outcome.emailKeys }).catch((error: unknown) => log.error({ err: error }, "receipts stay queued"));
  }
  return Response.json({ received: true, status: outcome.status });
}
