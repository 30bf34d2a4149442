import { sql } from "drizzle-orm";
import { getDatabaseDriver, getDb } from "@/db/client";
import { serviceUnavailableJson } from "@/lib/http/service-unavailable";
import { describeError } from "@/lib/errors/describe-error";
import { logger } from "@/lib/observability/logger";
import { withRequestContext } from "@/lib/observability/request-context";

const log = logger("health");

/** For load balancers and uptime checks: 200 when the database answers, 503 otherwise. */
export function GET(request: Request): Promise<Response> {
  return withRequestContext(request, check);
}

async function check(): Promise<Response> {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return Response.json({ ok: true, db: await getDatabaseDriver() }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    log.error(`database check failed: ${describeError(error)}`);
    return serviceUnavailableJson({ ok: false, error: "database unavailable" });
  }
}
