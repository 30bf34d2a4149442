import { getDb } from "@/db/client";
import { isDatabaseUnavailable } from "@/db/database-errors";
import { revalidateCampaignFigures } from "@/lib/campaigns/cache-tags";
import { env } from "@/lib/env";
import { serviceUnavailableJson } from "@/lib/http/service-unavailable";
import { reconcileStripeEvents } from "@/lib/payments/reconcile";
import { isReconcileAuthorized } from "@/lib/payments/reconcile-auth";
import { stripe } from "@/lib/payments/stripe-client";
import { withRequestContext } from "@/lib/observability/request-context";

/**
 * Records any Stripe event the webhook endpoint missed, then sends emails still waiting in the
 * outbox. For a scheduler (e.g. every 15 minutes):
 *   curl -X POST -H "Authorization: Bearer $RECONCILE_SECRET" https://<site>/api/payments/reconcile?days=3
 * Off (404) unless RECONCILE_SECRET is set; 401 without the right token.
 */
export function POST(request: Request): Promise<Response> {
  return withRequestContext(request, () => reconcile(request));
}

async function reconcile(request: Request): Promise<Response> {
  const { RECONCILE_SECRET } = env();
  if (!RECONCILE_SECRET) return Response.json({ error: "Not found" }, { status: 404 });
  if (!isReconcileAuthorized(request.headers.get("authorization"), RECONCILE_SECRET)) {
    return Response.json({ error: "Unauthorized" }, { status: 401, headers: { "WWW-Authenticate": "Bearer" } });
  }
  const daysParam = new URL(request.url).searchParams.get("days");
  const days = daysParam === null ? 3 : Number(daysParam);
  if (!Number.isInteger(days) || days < 1 || days > 30) {
    return Response.json({ error: "days must be a whole number from 1 to 30 (Stripe keeps events for 30 days)" }, { status: 400 });
  }
  let report;
  try {
    report = await reconcileStripeEvents(await getDb(), stripe(), { days });
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return serviceUnavailableJson();
  }
  for (const campaignId of report.campaignIds) await revalidateCampaignFigures(campaignId);
  return Response.json(report, { status: report.failed.length > 0 ? 500 : 200 });
}
