import { revalidateTag } from "next/cache";

/**
 * Public campaign pages are served from Next's cache (incremental static regeneration over
 * data cached with this tag) and refreshed when something they show changes: a gift lands,
 * a refund is recorded, an admin edits a campaign.
 */
export const CAMPAIGN_LIST_TAG = "campaigns";

/**
 * Expires every cached campaign page and list, so the next request renders fresh totals
 * (expire: 0, not 'max': a donor must see their gift at once). There are few campaigns, so
 * one tag for all of them is simpler than per-campaign tags and costs little. Call it from
 * route handlers and server actions, after the database transaction commits.
 */
export function revalidateCampaignFigures(campaignId?: string): void {
  void campaignId; // kept in the signature so callers say which campaign changed
  revalidateTag(CAMPAIGN_LIST_TAG, { expire: 0 });
}

/** Published updates: the campaign pages, /updates and its feed. Expired when an update is published or corrected. */
export const UPDATES_TAG = "updates";

export function revalidateUpdates(): void {
  revalidateTag(UPDATES_TAG, { expire: 0 });
}
