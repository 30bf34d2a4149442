import "server-only";
import { unstable_cache } from "next/cache";
import { getDb } from "@/db/client";
import { GENERAL_FUND_SLUG } from "@/lib/campaigns/general-fund";
import { campaignSlugTag, campaignTag } from "@/lib/campaigns/cache-tags";
import { findGiftCampaignBySlug, type GiftCampaign } from "./gift-campaign";
import { listRecentSupporters, type PublicSupporter } from "./supporters";

/**
 * The general fund for /donate. It shows no figures, so gifts leave it alone; an edit of the
 * fund expires its address's tag (lib/campaigns/cache-tags.ts, revalidateCampaignEdit).
 */
export const getGeneralFund: () => Promise<GiftCampaign | null> = unstable_cache(
  async () => findGiftCampaignBySlug(await getDb(), GENERAL_FUND_SLUG),
  ["general-fund"],
  { tags: [campaignSlugTag(GENERAL_FUND_SLUG)], revalidate: 3600 },
);

/**
 * The latest gifts to a campaign for its supporters list, cached under the campaign's tag: the
 * gift webhooks expire it with the figures (revalidateCampaignFigures), so the page stays ISR.
 */
export function getRecentSupporters(campaignId: string): Promise<PublicSupporter[]> {
  return unstable_cache(async () => listRecentSupporters(await getDb(), campaignId), ["recent-supporters", campaignId], {
    tags: [campaignTag(campaignId)],
    revalidate: 3600,
  })();
}
