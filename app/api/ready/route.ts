import { getDatabaseDriver, getDb } from "@/db/client";
import { cacheTagListenerState } from "@/lib/cache/cache-tag-listener";
import { describeError } from "@/lib/errors/describe-error";
import { checkReadiness } from "@/lib/observability/readiness";
import { logger } from "@/lib/observability/logger";
import { withRequestContext } from "@/lib/observability/request-context";

const log = logger("ready");

/**
 * For load balancers and orchestrators: 200 when this instance can serve (database, migrations,
 * cache listener; lib/observability/readiness.ts), 503 with the failing checks otherwise.
 * /api/health is the liveness check.
 */
export function GET(request: Request): Promise<Response> {
  return withRequestContext(request, check);
}

async function check(): Promise<Response> {
  const headers = { "Cache-Control": "no-store" };
  try {
    const readiness = await checkReadiness(await getDb(), await getDatabaseDriver(), cacheTagListenerState());
    return Response.json(readiness, { status: readiness.ready ? 200 : 503, headers });
  } catch (error) {
    // The database could not even be opened.
    log.error(`readiness check failed: ${describeError(error)}`);
    return Response.json({ ready: false, checks: [{ name: "database", ok: false, detail: "unavailable" }] }, { status: 503, headers });
  }
}
