import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/require-admin";
import { csvResponse } from "@/lib/reports/csv-response";
import { parseOptionalDateRange } from "@/lib/reports/report-filters";
import { subscribersCsv } from "@/lib/reports/subscribers-export";

/** Confirmed subscribers (confirmed between ?from and ?to) as CSV, streamed in batches. */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  await requireAdmin("/admin/exports/subscribers", "/admin/subscribers");
  const range = parseOptionalDateRange(Object.fromEntries(url.searchParams));
  return csvResponse(subscribersCsv(await getDb(), range), "confirmed-subscribers", range);
}
