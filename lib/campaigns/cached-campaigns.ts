import "server-only";
import { unstable_cache } from "next/cache";
import { permanentRedirect } from "next/navigation";
import { getDb } from "@/db/client";
import { CAMPAIGN_LIST_TAG, campaignSlugTag, campaignTag } from "./cache-tags";
import { findCampaignIdBySlug, findPublicCampaign, listActiveCampaigns, type CampaignFigures, type CampaignPage } from "./campaign-queries";
import { findImages } from "@/lib/images/image-records";
import type { RenderableImage } from "@/lib/images/picture";
import { campaignMilestones, listDailyRaised, type Milestone } from "./milestones";
import { renderCampaignMarkdown } from "./render-markdown";
import { referencedImageIds } from "@/lib/images/image-urls";

/*
 * Public pages read campaigns through these cached functions: the database is asked once,
 * then every visitor is served from Next's cache until a gift or an edit expires the data's
 * tags (lib/campaigns/cache-tags.ts). Pages rendered from this data carry the same tags, so
 * expiring them expires exactly the pages that show the changed campaign. The time limit is
 * only a backstop.
 */
const BACKSTOP_SECONDS = 3600;

export const getActiveCampaigns: () => Promise<CampaignFigures[]> = unstable_cache(async () => listActiveCampaigns(await getDb()), ["active-campaigns"], {
  tags: [CAMPAIGN_LIST_TAG],
  revalidate: BACKSTOP_SECONDS,
});

export interface RenderedCampaignPage extends Omit<CampaignPage, "bodyMarkdown"> {
  bodyHtml: string;
}

/** Thrown inside the cached lookup so that "no campaign here" is never kept (see below). */
class NoCampaignAtAddress extends Error {}

/**
 * Which campaign a web address names, tagged by the address: only an edit that moves it expires
 * it. Only found campaigns are kept: a kept "none" for every address anyone makes up would fill
 * the data cache (in the build folder) without limit, so an unknown address asks the database.
 */
export async function getCampaignIdBySlug(slug: string): Promise<string | null> {
  try {
    return await unstable_cache(
      async () => {
        const id = await findCampaignIdBySlug(await getDb(), slug);
        if (!id) throw new NoCampaignAtAddress(slug); // a failed call keeps nothing
        return id;
      },
      ["campaign-id-by-slug", slug],
      { tags: [campaignSlugTag(slug)], revalidate: BACKSTOP_SECONDS },
    )();
  } catch (error) {
    if (error instanceof NoCampaignAtAddress) return null;
    throw error;
  }
}

/*
 * A gift expires its campaign's data, so while gifts land a busy page is rebuilt many times a
 * second, yet its article only changes with an edit. Turning a long article's Markdown into
 * sanitized HTML costs about 10 ms (the seeded 7,600-character article, measured), more than
 * the rest of the data step, so the HTML is kept per article text: a gift re-reads the figures
 * and reuses the HTML; an edit changes the text and so renders afresh. Bounded, oldest first out.
 */
const RENDERED_ARTICLES_KEPT = 64;
const renderedArticles = new Map<string, string>();

export function renderArticleOnce(markdown: string, images?: Map<string, RenderableImage>): string {
  // An uploaded image's files never change, so the text plus each found image's alt text decide the HTML.
  const imageKey = images
    ? [...images.values()]
        .map((image) => `${image.id}:${image.altText}`)
        .sort()
        .join("\n")
    : "";
  const key = `${imageKey}\n\n${markdown}`;
  const kept = renderedArticles.get(key);
  if (kept !== undefined) return kept;
  const html = renderCampaignMarkdown(markdown, images);
  if (renderedArticles.size >= RENDERED_ARTICLES_KEPT) renderedArticles.delete(renderedArticles.keys().next().value!);
  renderedArticles.set(key, html);
  return html;
}

function getRenderedCampaign(campaignId: string): Promise<RenderedCampaignPage | null> {
  return unstable_cache(
    async () => {
      const db = await getDb();
      const campaign = await findPublicCampaign(db, { id: campaignId });
      if (!campaign) return null;
      const { bodyMarkdown, ...figures } = campaign;
      const imageIds = referencedImageIds(bodyMarkdown);
      const images = imageIds.length > 0 ? await findImages(db, imageIds) : undefined;
      return { ...figures, bodyHtml: renderArticleOnce(bodyMarkdown, images) };
    },
    ["campaign-page", campaignId],
    { tags: [campaignTag(campaignId)], revalidate: BACKSTOP_SECONDS },
  )();
}

/** What a campaign web address shows: the page, the campaign's current address (it was renamed), or nothing. */
export type CampaignAtAddress = { page: RenderedCampaignPage } | { movedTo: string } | null;

/**
 * One campaign page's data, in two cached steps: address → campaign id (tagged by address, so a
 * campaign created later is never stuck as "not found"; old addresses of renamed campaigns map to
 * their campaign too), then id → text and figures (tagged by campaign, which its gifts and edits
 * expire). A page thus depends on its own campaign only. An address that is not the campaign's
 * current one has moved: a rename keeps every previous address (lib/campaigns/campaign-slugs.ts),
 * and one still cached from before a rename moved too.
 */
export async function getCampaignAtAddress(slug: string): Promise<CampaignAtAddress> {
  const campaignId = await getCampaignIdBySlug(slug);
  if (!campaignId) return null;
  const campaign = await getRenderedCampaign(campaignId);
  if (!campaign) return null;
  return campaign.slug === slug ? { page: campaign } : { movedTo: campaign.slug };
}

/** The campaign page at `slug`, or null. */
export async function getCampaignPage(slug: string): Promise<RenderedCampaignPage | null> {
  const found = await getCampaignAtAddress(slug);
  return found && "page" in found ? found.page : null;
}

/**
 * For /campaigns/[slug]: the page, or a permanent redirect (308) to the campaign's current
 * address, or null (not found). The redirect is rendered like the page (ISR), so it is cached
 * and expired by the same tags on every instance.
 */
export async function getCampaignPageOrRedirect(slug: string): Promise<RenderedCampaignPage | null> {
  const found = await getCampaignAtAddress(slug);
  if (found && "movedTo" in found) permanentRedirect(`/campaigns/${encodeURIComponent(found.movedTo)}`);
  return found?.page ?? null;
}

/**
 * A campaign's milestones (50 %, 100 % of its goal) with the day each was reached, from the
 * ledger's daily totals; cached under the campaign's tag, which every gift expires.
 */
export function getCampaignMilestones(campaign: { id: string; currency: string; goalAmount: number | null; raisedAmount: number }): Promise<Milestone[]> {
  if (!campaign.goalAmount) return Promise.resolve([]);
  return unstable_cache(
    async () => campaignMilestones(campaign.goalAmount, campaign.raisedAmount, await listDailyRaised(await getDb(), campaign.id, campaign.currency)),
    ["campaign-milestones", campaign.id, campaign.currency, String(campaign.goalAmount), String(campaign.raisedAmount)],
    { tags: [campaignTag(campaign.id)], revalidate: BACKSTOP_SECONDS },
  )();
}
