import { getDb } from "@/db/client";
import { recordAuditEvent, staffActor } from "@/lib/audit/record-audit-event";
import { requireAdmin } from "@/lib/auth/require-admin";
import { csvResponse } from "@/lib/reports/csv-response";
import { giftsCsv } from "@/lib/reports/gifts-export";
import { parseGiftFilter } from "@/lib/reports/report-filters";

/** Gifts matching ?campaign&kind&from&to as CSV, streamed from the database in batches. */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const admin = await requireAdmin("/admin/exports/gifts", `/admin/gifts${url.search}`);
  const filter = parseGiftFilter(Object.fromEntries(url.searchParams));
  const db = await getDb();
  // Personal data leaves Lantern: the row says who took which selection (never the search text, which may be a donor's name).
  await recordAuditEvent(db, staffActor(admin), {
    kind: "export.gifts",
    object: { type: "export", label: "Gifts" },
    after: {
      campaignId: filter.campaignId ?? null,
      kind: filter.kind ?? null,
      from: filter.range?.from ?? null,
      to: filter.range?.to ?? null,
      searched: !!filter.donorSearch,
    },
  });
  return csvResponse(giftsCsv(db, filter), "gifts", filter.range);
}
