import "server-only";
import { unstable_cache } from "next/cache";
import { getDb } from "@/db/client";
import { GENERAL_FUND_SLUG } from "@/lib/campaigns/general-fund";
import { campaignSlugTag } from "@/lib/campaigns/cache-tags";
import { findGiftCampaignBySlug, type GiftCampaign } from "./gift-campaign";

/**
 * The general fund for /donate. It shows no figures, so gifts leave it alone; an edit of the
 * fund expires its address's tag (lib/campaigns/cache-tags.ts, revalidateCampaignEdit).
 */
export const getGeneralFund: () => Promise<GiftCampaign | null> = unstable_cache(
  async () => findGiftCampaignBySlug(await getDb(), GENERAL_FUND_SLUG),
  ["general-fund"],
  { tags: [campaignSlugTag(GENERAL_FUND_SLUG)], revalidate: 3600 },
);
