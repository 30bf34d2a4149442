import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { refreshDatabaseGauges } from "./database-gauges";
import { metrics } from "./metrics";

/** True when `authorization` is `Bearer <token>`; compared in constant time (of hashes: lengths may differ). */
export function isMetricsAuthorized(authorization: string | null, token: string): boolean {
  if (!authorization?.startsWith("Bearer ")) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(authorization.slice("Bearer ".length).trim()), digest(token));
}

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * GET /api/metrics: this instance's metrics in Prometheus's text format, for a scraper holding
 * METRICS_TOKEN. Off (404) while METRICS_TOKEN is unset; 401 without the right token.
 */
export async function metricsResponse(request: Request): Promise<Response> {
  const { METRICS_TOKEN } = env();
  if (!METRICS_TOKEN) {
    return new Response("Metrics are off: set METRICS_TOKEN to turn them on.\n", {
      status: 404,
      headers: { ...NO_STORE, "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  if (!isMetricsAuthorized(request.headers.get("authorization"), METRICS_TOKEN)) {
    return new Response("Send the metrics token as Authorization: Bearer <METRICS_TOKEN>.\n", {
      status: 401,
      headers: { ...NO_STORE, "Content-Type": "text/plain; charset=utf-8", "WWW-Authenticate": 'Bearer realm="metrics"' },
    });
  }
  await refreshDatabaseGauges();
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { ...NO_STORE, "Content-Type": registry.contentType } });
}
