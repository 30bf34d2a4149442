import { ImageResponse } from "next/og";
import { getCampaignPage } from "@/lib/campaigns/cached-campaigns";
import { SHARE_CARD_SIZE, shareCardProgress } from "@/lib/campaigns/share-card";
import { isDatabaseUnavailable } from "@/db/database-errors";
import { env } from "@/lib/env";
import { serviceUnavailableJson } from "@/lib/http/service-unavailable";

/*
 * The link-preview card of a campaign without a cover image: its title and progress, drawn by
 * Next's ImageResponse. Cached like the page (ISR): the data it reads carries the campaign's
 * tag, so a gift or an edit redraws it on the next request, and the time limit is a backstop.
 */
export const revalidate = 3600;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return []; // the build never needs the database
}

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const slug = (await params).slug;
  let campaign: Awaited<ReturnType<typeof getCampaignPage>>;
  try {
    campaign = await getCampaignPage(slug);
  } catch (error) {
    // A 503 is never kept in the page cache (lib/cache/page-cache-handler.js); the old card stays.
    if (isDatabaseUnavailable(error)) return serviceUnavailableJson();
    throw error;
  }
  if (!campaign) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const { line, percent } = shareCardProgress(campaign);
  const title = campaign.title.length > 110 ? `${campaign.title.slice(0, 107)}…` : campaign.title;

  return new ImageResponse(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        justifyContent: "space-between",
        padding: "72px 80px",
        background: "linear-gradient(135deg, #1c1917 0%, #292524 55%, #7c2d12 100%)",
        color: "#fff7ed",
      }}
    >
      <div style={{ display: "flex", fontSize: 34, color: "#fed7aa" }}>{env().ORG_NAME}</div>
      <div style={{ display: "flex", fontSize: title.length > 60 ? 60 : 76, fontWeight: 700, lineHeight: 1.1 }}>{title}</div>
      <div style={{ display: "flex", flexDirection: "column", gap: 20 }}>
        {percent !== null ? (
          <div style={{ display: "flex", width: "100%", height: 22, borderRadius: 11, background: "#44403c" }}>
            <div style={{ display: "flex", width: `${Math.max(percent, 2)}%`, height: 22, borderRadius: 11, background: "#f59e0b" }} />
          </div>
        ) : null}
        <div style={{ display: "flex", fontSize: 40 }}>{percent ? `${line} · ${percent}%` : line}</div>
      </div>
    </div>,
    { ...SHARE_CARD_SIZE },
  );
}
