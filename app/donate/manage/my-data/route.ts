import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { donorOfManageSession } from "@/lib/donors/manage-access";
import { MANAGE_SESSION_COOKIE } from "@/lib/donors/manage-session";
import { organisation } from "@/lib/organisation/organisation";
import { donorData } from "@/lib/privacy/donor-data";
import { donorDataHtml } from "@/lib/privacy/donor-data-html";

/**
 * "Download my data" (GET ?format=json|html): everything Lantern holds about the donor of the
 * session an emailed link started (not a receipt's link, which never expires and may have been
 * forwarded). Without one, back to the giving page, which offers a link.
 */
export async function GET(request: Request): Promise<Response> {
  const format = new URL(request.url).searchParams.get("format") === "json" ? "json" : "html";
  const db = await getDb();
  const donorId = await donorOfManageSession(db, (await cookies()).get(MANAGE_SESSION_COOKIE)?.value);
  const data = donorId ? await donorData(db, donorId) : null;
  if (!data || data.donor.erasedAt) return new Response(null, { status: 303, headers: { Location: "/donate/manage", "Cache-Control": "no-store" } });
  await recordAuditEvent(db, { type: "donor" }, { kind: "donor.data-downloaded", object: { type: "donor", id: data.donor.id }, after: { format } });
  const headers = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" };
  if (format === "json") {
    return new Response(`${JSON.stringify(data, null, 2)}\n`, {
      headers: { ...headers, "Content-Type": "application/json; charset=utf-8", "Content-Disposition": 'attachment; filename="my-data.json"' },
    });
  }
  return new Response(donorDataHtml(data, organisation().name), {
    headers: { ...headers, "Content-Type": "text/html; charset=utf-8", "Content-Disposition": 'attachment; filename="my-data.html"' },
  });
}
