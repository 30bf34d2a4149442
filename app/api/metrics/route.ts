import { metricsResponse } from "@/lib/observability/metrics-endpoint";
import { withRequestContext } from "@/lib/observability/request-context";

/**
 * Prometheus scrapes this instance here (docs/operations.md, "Metrics"):
 *   Authorization: Bearer $METRICS_TOKEN
 * 404 while METRICS_TOKEN is unset, 401 without the right token. Only GET: Next answers any
 * other method 405.
 */
export function GET(request: Request): Promise<Response> {
  return withRequestContext(request, () => metricsResponse(request));
}

// Read per scrape, never prerendered or cached.
export const dynamic = "force-dynamic";
