import "server-only";
import { unstable_cache } from "next/cache";
import { getDb } from "@/db/client";
import { CAMPAIGN_LIST_TAG } from "./cache-tags";
import { findPublicCampaign, listActiveCampaigns, type CampaignFigures, type CampaignPage } from "./campaign-queries";
import { renderCampaignMarkdown } from "./render-markdown";

/*
 * Public pages read campaigns through these cached functions: the database is asked once,
 * then every visitor is served from Next's cache until a gift or an edit expires the tag
 * (lib/campaigns/cache-tags.ts). The time limit is only a backstop.
 */
const BACKSTOP_SECONDS = 3600;

export const getActiveCampaigns: () => Promise<CampaignFigures[]> = unstable_cache(
  async () => listActiveCampaigns(await getDb()),
  ["active-campaigns"],
  { tags: [CAMPAIGN_LIST_TAG], revalidate: BACKSTOP_SECONDS },
);

export interface RenderedCampaignPage extends Omit<CampaignPage, "bodyMarkdown"> {
  bodyHtml: string;
}

async function loadCampaignPage(slug: string): Promise<RenderedCampaignPage | null> {
  const campaign = await findPublicCampaign(await getDb(), slug);
  if (!campaign) return null;
  const { bodyMarkdown, ...figures } = campaign;
  return { ...figures, bodyHtml: renderCampaignMarkdown(bodyMarkdown) };
}

/**
 * One campaign page's data. Tagged with the list tag, which every gift and edit expires: a
 * handful of campaigns re-render after a gift, and a slug created later is never stuck as
 * "not found".
 */
export const getCampaignPage: (slug: string) => Promise<RenderedCampaignPage | null> = unstable_cache(
  loadCampaignPage,
  ["campaign-page"],
  { tags: [CAMPAIGN_LIST_TAG], revalidate: BACKSTOP_SECONDS },
);
