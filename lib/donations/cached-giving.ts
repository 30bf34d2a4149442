import "server-only";
import { unstable_cache } from "next/cache";
import { getDb } from "@/db/client";
import { GENERAL_FUND_SLUG } from "@/lib/campaigns/general-fund";
import { CAMPAIGN_LIST_TAG } from "@/lib/campaigns/cache-tags";
import { findGiftCampaignBySlug, type GiftCampaign } from "./gift-campaign";

/** The general fund for /donate, cached like campaign pages and expired with them. */
export const getGeneralFund: () => Promise<GiftCampaign | null> = unstable_cache(
  async () => findGiftCampaignBySlug(await getDb(), GENERAL_FUND_SLUG),
  ["general-fund"],
  { tags: [CAMPAIGN_LIST_TAG], revalidate: 3600 },
);
