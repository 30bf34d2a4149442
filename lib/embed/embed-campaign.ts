import "server-only";
import { notFound, permanentRedirect } from "next/navigation";
import { getCampaignAtAddress, type RenderedCampaignPage } from "@/lib/campaigns/cached-campaigns";

/**
 * The campaign an embed page shows, through the campaign page's cached reads (same data, same
 * tags, so a gift refreshes the widgets when it refreshes the page). A renamed campaign's old
 * address moves to the same widget at its new address; an unknown one is not found.
 */
export async function getEmbedCampaign(slug: string, widget: "form" | "progress"): Promise<RenderedCampaignPage> {
  const found = await getCampaignAtAddress(slug);
  if (!found) notFound();
  if ("movedTo" in found) permanentRedirect(`/embed/campaigns/${encodeURIComponent(found.movedTo)}/${widget}`);
  return found.page;
}
