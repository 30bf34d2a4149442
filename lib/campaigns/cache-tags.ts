import { revalidateTag } from "next/cache";

/**
 * Public campaign pages are served from Next's cache ('use cache' + cacheTag) and refreshed by
 * tag when something they show changes (a gift lands, an admin edits a campaign).
 */
export const CAMPAIGN_LIST_TAG = "campaigns";
export const campaignTag = (campaignId: string) => `campaign:${campaignId}`;

/**
 * Expires a campaign's cached page and every list showing its figures, so the next request
 * renders fresh totals (expire: 0, not 'max': a donor must see their gift at once).
 * Call it from route handlers and server actions, after the database transaction commits.
 */
export function revalidateCampaignFigures(campaignId: string): void {
  revalidateTag(campaignTag(campaignId), { expire: 0 });
  revalidateTag(CAMPAIGN_LIST_TAG, { expire: 0 });
}
