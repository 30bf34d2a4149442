import { z } from "zod";
import { getDb } from "@/db/client";
import { recordAuditEvent, staffActor } from "@/lib/audit/record-audit-event";
import { requireAdmin } from "@/lib/auth/require-admin";
import { matchStatement } from "@/lib/campaigns/campaign-matches";
import { matchStatementCsv } from "@/lib/reports/match-statement-export";

/** A sponsor's statement as CSV: each gift their match covered and how much. Admins only. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  // The admin first, before anything of the request is read.
  const admin = await requireAdmin("/admin/exports/matches/[id]", new URL(request.url).pathname.replace("/exports/matches/", "/matches/"));
  const { id } = await context.params;
  const db = await getDb();
  const statement = z.uuid().safeParse(id).success ? await matchStatement(db, id) : null;
  if (!statement) return new Response("No such match.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  await recordAuditEvent(db, staffActor(admin), { kind: "export.match-statement", object: { type: "match", id } });
  return new Response(matchStatementCsv(statement), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="lantern-match-statement-${id}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
