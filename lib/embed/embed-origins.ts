import "server-only";
import { asc, eq, isNull, or } from "drizzle-orm";
import type { Database, Executor } from "@/db/database";
import { campaigns, embedOrigins } from "@/db/schema";

/**
 * The allowed origins (lib/embed/allowed-origins.ts) in the database: one list for the whole
 * installation (campaign_id null) and one per campaign, which adds to it.
 */
export async function listEmbedOrigins(db: Executor, campaignId: string | null): Promise<string[]> {
  const rows = await db
    .select({ origin: embedOrigins.origin })
    .from(embedOrigins)
    .where(campaignId ? eq(embedOrigins.campaignId, campaignId) : isNull(embedOrigins.campaignId))
    .orderBy(asc(embedOrigins.origin));
  return rows.map((row) => row.origin);
}

/**
 * Replaces one list with `origins` (already validated) in one transaction; `audit` writes the
 * change's audit row in it (lib/audit), given the list before and after.
 */
export async function replaceEmbedOrigins(
  db: Database,
  campaignId: string | null,
  origins: readonly string[],
  audit?: (tx: Executor, change: { before: string[]; after: string[] }) => Promise<void>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = audit ? await listEmbedOrigins(tx, campaignId) : [];
    await tx.delete(embedOrigins).where(campaignId ? eq(embedOrigins.campaignId, campaignId) : isNull(embedOrigins.campaignId));
    if (origins.length > 0) await tx.insert(embedOrigins).values(origins.map((origin) => ({ campaignId, origin })));
    await audit?.(tx, { before, after: [...origins] });
  });
}

/** Everything allowed to embed one campaign: the installation's list plus the campaign's own. */
export async function allowedOriginsForCampaign(db: Executor, campaignId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ origin: embedOrigins.origin })
    .from(embedOrigins)
    .where(or(isNull(embedOrigins.campaignId), eq(embedOrigins.campaignId, campaignId)))
    .orderBy(asc(embedOrigins.origin));
  return rows.map((row) => row.origin);
}

/**
 * The same, for the campaign at a web address (its current slug only): what the embed routes of
 * /embed/campaigns/<slug>/… may be framed by. An unknown address gets the installation's list;
 * its page answers 404 anyway.
 */
export async function allowedOriginsForSlug(db: Executor, slug: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ origin: embedOrigins.origin })
    .from(embedOrigins)
    .leftJoin(campaigns, eq(campaigns.id, embedOrigins.campaignId))
    .where(or(isNull(embedOrigins.campaignId), eq(campaigns.slug, slug)))
    .orderBy(asc(embedOrigins.origin));
  return rows.map((row) => row.origin);
}
