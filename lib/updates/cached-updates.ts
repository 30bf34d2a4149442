import "server-only";
import { unstable_cache } from "next/cache";
import { getDb } from "@/db/client";
import { UPDATES_TAG } from "@/lib/campaigns/cache-tags";
import { listPublishedUpdates, type PublishedUpdate } from "./update-queries";

/*
 * Public pages read updates through these: cached until an update is published or corrected
 * (revalidateUpdates in lib/campaigns/cache-tags.ts); the hour is only a backstop. Dates come
 * back from the cache as strings, so they are revived here.
 */
const BACKSTOP_SECONDS = 3600;

type CachedUpdate = Omit<PublishedUpdate, "publishedAt" | "updatedAt"> & { publishedAt: string | Date; updatedAt: string | Date };

const revive = (rows: CachedUpdate[]): PublishedUpdate[] =>
  rows.map((row) => ({ ...row, publishedAt: new Date(row.publishedAt), updatedAt: new Date(row.updatedAt) }));

const cachedCampaignUpdates = unstable_cache(async (campaignId: string) => listPublishedUpdates(await getDb(), { campaignId }), ["campaign-updates"], {
  tags: [UPDATES_TAG],
  revalidate: BACKSTOP_SECONDS,
});

const cachedAllUpdates = unstable_cache(async () => listPublishedUpdates(await getDb()), ["all-updates"], {
  tags: [UPDATES_TAG],
  revalidate: BACKSTOP_SECONDS,
});

export async function getCampaignUpdates(campaignId: string): Promise<PublishedUpdate[]> {
  return revive(await cachedCampaignUpdates(campaignId));
}

/** Every published update (campaigns and organisation news), for /updates and the feed. */
export async function getAllUpdates(): Promise<PublishedUpdate[]> {
  return revive(await cachedAllUpdates());
}
