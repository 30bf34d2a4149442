import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { returnPath } from "@/lib/http/database-unavailable";
import { RETRY_AFTER_SECONDS } from "@/lib/http/service-unavailable";
import { unavailablePage } from "@/lib/http/unavailable-page";

/**
 * The 503 page dynamic pages send visitors to while the database is unreachable. Once it
 * answers again, the visitor goes straight back to where they were.
 */
export async function GET(request: Request): Promise<Response> {
  const from = returnPath(new URL(request.url).searchParams.get("from"));
  try {
    await (await getDb()).execute(sql`select 1`);
    return new Response(null, { status: 307, headers: { location: from, "cache-control": "no-store" } });
  } catch {
    return new Response(unavailablePage({ orgName: env().ORG_NAME, retryPath: from }), {
      status: 503,
      headers: { "content-type": "text/html; charset=utf-8", "retry-after": String(RETRY_AFTER_SECONDS), "cache-control": "no-store" },
    });
  }
}
