import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/require-admin";
import { csvResponse } from "@/lib/reports/csv-response";
import { lapsedDonorsCsv, parseReportYear } from "@/lib/reports/retention";

/** Every LYBUNT (?kind=lybunt, the default) or SYBUNT (?kind=sybunt) donor of ?year as CSV, streamed in batches. */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  await requireAdmin(`/admin/reports${url.search}`);
  const year = parseReportYear(url.searchParams.get("year") ?? undefined);
  const kind = url.searchParams.get("kind") === "sybunt" ? "sybunt" : "lybunt";
  return csvResponse(lapsedDonorsCsv(await getDb(), year, kind), `${kind}-donors`, { from: `${year}-01-01`, to: `${year}-12-31` });
}
