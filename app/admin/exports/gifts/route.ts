import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/require-admin";
import { csvResponse } from "@/lib/reports/csv-response";
import { giftsCsv } from "@/lib/reports/gifts-export";
import { parseGiftFilter } from "@/lib/reports/report-filters";

/** Gifts matching ?campaign&kind&from&to as CSV, streamed from the database in batches. */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  await requireAdmin("/admin/exports/gifts", `/admin/gifts${url.search}`);
  const filter = parseGiftFilter(Object.fromEntries(url.searchParams));
  return csvResponse(giftsCsv(await getDb(), filter), "gifts", filter.range);
}
