import { getDb } from "@/db/client";
import { recordAuditEvent, staffActor } from "@/lib/audit/record-audit-event";
import { requireAdmin } from "@/lib/auth/require-admin";
import { csvResponse } from "@/lib/reports/csv-response";
import { lapsedDonorsCsv, parseReportYear } from "@/lib/reports/retention";

/** Every LYBUNT (?kind=lybunt, the default) or SYBUNT (?kind=sybunt) donor of ?year as CSV, streamed in batches. */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const admin = await requireAdmin("/admin/exports/lapsed-donors", `/admin/reports${url.search}`);
  const year = parseReportYear(url.searchParams.get("year") ?? undefined);
  const kind = url.searchParams.get("kind") === "sybunt" ? "sybunt" : "lybunt";
  const db = await getDb();
  // A list of people: the download itself is recorded (what was asked for, never who is on it).
  await recordAuditEvent(db, staffActor(admin), {
    kind: "export.report",
    object: { type: "export", label: `${kind.toUpperCase()} donors, ${year}` },
    after: { year, kind },
  });
  return csvResponse(lapsedDonorsCsv(db, year, kind), `${kind}-donors`, { from: `${year}-01-01`, to: `${year}-12-31` });
}
