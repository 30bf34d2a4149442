import { getDb } from "@/db/client";
import { recordAuditEvent, staffActor } from "@/lib/audit/record-audit-event";
import { requireAdmin } from "@/lib/auth/require-admin";
import { csvResponse } from "@/lib/reports/csv-response";
import { parseOptionalDateRange } from "@/lib/reports/report-filters";
import { subscribersCsv } from "@/lib/reports/subscribers-export";

/** Confirmed subscribers (confirmed between ?from and ?to) as CSV, streamed in batches. */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const admin = await requireAdmin("/admin/exports/subscribers", "/admin/subscribers");
  const range = parseOptionalDateRange(Object.fromEntries(url.searchParams));
  const db = await getDb();
  await recordAuditEvent(db, staffActor(admin), {
    kind: "export.subscribers",
    object: { type: "export", label: "Confirmed subscribers" },
    after: { from: range?.from ?? null, to: range?.to ?? null },
  });
  return csvResponse(subscribersCsv(db, range), "confirmed-subscribers", range);
}
