import "server-only";
import { expireCacheTags } from "@/lib/cache/shared-cache-tags";

/*
 * Public pages are served from Next's cache (incremental static regeneration over data cached
 * with these tags) and refreshed when something they show changes. Tags are per campaign, so a
 * gift on one campaign re-renders that campaign's page and the pages that list campaigns
 * (home), and leaves every other campaign page in the cache.
 */

/** One campaign's text and figures (its page; the general fund's Give page). */
export function campaignTag(campaignId: string): string {
  return `campaign:${campaignId}`;
}

/** Which campaign, if any, a web address names: expired when a campaign takes or leaves it. */
export function campaignSlugTag(slug: string): string {
  return `campaign-slug:${slug}`;
}

/** Lists of campaigns with their figures (the home page). */
export const CAMPAIGN_LIST_TAG = "campaign-list";

/** Figures over every gift (the admin dashboard). */
export const GIVING_TOTALS_TAG = "giving-totals";

/**
 * After a gift, refund or dispute on `campaignId` has committed: its page, the lists and the
 * dashboard render fresh on their next request, on this instance and every other one.
 */
export async function revalidateCampaignFigures(campaignId: string): Promise<void> {
  await expireCacheTags(campaignFigureTags(campaignId));
}

/** What a gift, refund or dispute on `campaignId` changes: its page, the lists and the dashboard. */
export function campaignFigureTags(campaignId: string): string[] {
  return [campaignTag(campaignId), CAMPAIGN_LIST_TAG, GIVING_TOTALS_TAG];
}

export interface CampaignEdit {
  campaignId: string;
  slug: string;
  /** The web address before the edit, when it changed: its page must stop answering. */
  previousSlug?: string;
}

/** After an admin saved a campaign (created or edited). */
export async function revalidateCampaignEdit(edit: CampaignEdit): Promise<void> {
  const slugs = new Set([edit.slug, ...(edit.previousSlug ? [edit.previousSlug] : [])]);
  await expireCacheTags([campaignTag(edit.campaignId), ...[...slugs].map(campaignSlugTag), CAMPAIGN_LIST_TAG, GIVING_TOTALS_TAG]);
}

/** After a campaign's cover image changed: its page and share card, and the cards that list it. */
export async function revalidateCampaignCover(campaignId: string): Promise<void> {
  await expireCacheTags([campaignTag(campaignId), CAMPAIGN_LIST_TAG]);
}

/** Published updates: the campaign pages, /updates and its feed. Expired when an update is published or corrected. */
export const UPDATES_TAG = "updates";

/** After an update was published or corrected: on this instance and every other one. */
export async function revalidateUpdates(): Promise<void> {
  await expireCacheTags([UPDATES_TAG]);
}
