import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { campaignSlugRedirects, campaigns } from "@/db/schema";
import type { Database, Executor } from "@/db/database";

/*
 * Old web addresses of renamed campaigns (campaign_slug_redirects). The rules:
 * - renaming a campaign keeps its previous address, which then answers a permanent redirect;
 * - every old address points at the campaign, so A → B → C sends A straight to C;
 * - the campaign takes an old address of its own back by renaming to it (the redirect goes);
 * - no other campaign can take an address that still redirects: an admin removes the redirect
 *   first (the campaign's edit page lists its old addresses), and links to it then stop working.
 */

/** Serialises every change of web addresses, so the two tables never hand one address to two campaigns. */
export async function lockCampaignSlugs(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('lantern:campaign-slugs'))`);
}

/** The campaign an old web address redirects to, if any. */
export async function findSlugRedirect(db: Executor, slug: string): Promise<{ campaignId: string; title: string } | null> {
  const [row] = await db
    .select({ campaignId: campaignSlugRedirects.campaignId, title: campaigns.title })
    .from(campaignSlugRedirects)
    .innerJoin(campaigns, eq(campaigns.id, campaignSlugRedirects.campaignId))
    .where(eq(campaignSlugRedirects.slug, slug))
    .limit(1);
  return row ?? null;
}

/**
 * After a campaign moved from `previousSlug` to `slug` (in the same transaction, under
 * lockCampaignSlugs): the old address redirects, and the new one, if it was an old address of
 * this campaign, is an address again.
 */
export async function recordSlugChange(tx: Executor, campaignId: string, previousSlug: string, slug: string): Promise<void> {
  await tx.delete(campaignSlugRedirects).where(and(eq(campaignSlugRedirects.slug, slug), eq(campaignSlugRedirects.campaignId, campaignId)));
  await tx.insert(campaignSlugRedirects).values({ slug: previousSlug, campaignId }).onConflictDoNothing();
}

/** A campaign's old web addresses, oldest first (the edit page lists them). */
export async function listSlugRedirects(db: Database, campaignId: string): Promise<{ slug: string; createdAt: Date }[]> {
  return db
    .select({ slug: campaignSlugRedirects.slug, createdAt: campaignSlugRedirects.createdAt })
    .from(campaignSlugRedirects)
    .where(eq(campaignSlugRedirects.campaignId, campaignId))
    .orderBy(asc(campaignSlugRedirects.createdAt), asc(campaignSlugRedirects.slug));
}

/** Stops an old address redirecting (it can then be given to another campaign). False when it was not this campaign's. */
export async function removeSlugRedirect(db: Database, campaignId: string, slug: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockCampaignSlugs(tx);
    const removed = await tx
      .delete(campaignSlugRedirects)
      .where(and(eq(campaignSlugRedirects.slug, slug), eq(campaignSlugRedirects.campaignId, campaignId)))
      .returning({ slug: campaignSlugRedirects.slug });
    return removed.length > 0;
  });
}
