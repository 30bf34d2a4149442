import "server-only";
import { and, eq, inArray, sql, desc, asc } from "drizzle-orm";
import { campaignSlugRedirects, campaigns, type CampaignQuestion, type PresetImpact } from "@/db/schema";
import type { GiftFrequency } from "@/lib/donations/gift-types";
import type { Database } from "@/db/database";
import { findImages } from "@/lib/images/image-records";
import type { RenderableImage } from "@/lib/images/picture";
import { campaignRaisedSubquery } from "@/lib/ledger/ledger-totals";
import { SLUG_PATTERN } from "./campaign-form";
import { findPublicMatch, matchedTotal } from "./campaign-matches";
import type { PublicMatch } from "./match-wording";

/** What a public page may show about a campaign: no internal ids beyond what links need. */
export interface CampaignFigures {
  id: string;
  slug: string;
  kind: "campaign" | "general_fund";
  title: string;
  summary: string;
  status: "active" | "closed";
  featured: boolean;
  currency: string;
  goalAmount: number | null;
  /** Net of refunds and lost disputes, in minor units of `currency`. */
  raisedAmount: number;
  donorCount: number;
  presetAmounts: number[];
  /** What each suggested amount does, where the campaign says so. */
  presetImpacts: PresetImpact[];
  defaultFrequency: GiftFrequency;
  /** The frequencies the donation panel offers. */
  frequencies: GiftFrequency[];
  publishedOn: string | null;
  endsAt: string | null;
  /** The uploaded cover (cards, the page's top, link previews); null: none chosen. */
  coverImage: RenderableImage | null;
}

export interface CampaignPage extends CampaignFigures {
  bodyMarkdown: string;
  /** Where the article first appeared, when elsewhere: the page says so with a link. */
  sourceName: string | null;
  sourceUrl: string | null;
  sourcePublishedOn: string | null;
  /** What sponsors' matches add on top of `raisedAmount` (same currency), kept with each gift. */
  matchedAmount: number;
  /** The match running or about to (the page checks the clock), with room left; null: none. */
  match: PublicMatch | null;
  /** Extra questions on the donation form, and whether it asks for a postal address. */
  questions: CampaignQuestion[];
  askPostalAddress: boolean;
}

/**
 * The campaign's columns and its figures from the ledger (lib/ledger), kept by the webhook
 * handlers in each gift's transaction: a page view reads a few rows, never the gifts.
 * Gifts in another currency than the campaign's are never summed into its figures.
 */
function figuresColumns(raised: ReturnType<typeof campaignRaisedSubquery>) {
  return {
    id: campaigns.id,
    slug: campaigns.slug,
    kind: campaigns.kind,
    title: campaigns.title,
    summary: campaigns.summary,
    status: campaigns.status,
    featured: campaigns.featured,
    currency: campaigns.currency,
    goalAmount: campaigns.goalAmount,
    presetAmounts: campaigns.presetAmounts,
    presetImpacts: campaigns.presetImpacts,
    defaultFrequency: campaigns.defaultFrequency,
    frequencies: campaigns.frequencies,
    publishedOn: campaigns.publishedOn,
    endsAt: campaigns.endsAt,
    coverImageId: campaigns.coverImageId,
    raisedAmount: sql<number>`coalesce(${raised.raisedAmount}, 0)`.mapWith(Number),
    donorCount: sql<number>`coalesce(${raised.donorCount}, 0)`.mapWith(Number),
  };
}

function withRaised(db: Database) {
  const raised = campaignRaisedSubquery(db);
  return { raised, joinOn: and(eq(raised.campaignId, campaigns.id), eq(raised.currency, campaigns.currency)) };
}

function publicStatus(status: string): status is "active" | "closed" {
  return status === "active" || status === "closed";
}

function toFigures<T extends { status: string; endsAt: Date | null; coverImageId: string | null }>(
  { coverImageId, ...row }: T,
  covers: Map<string, RenderableImage>,
) {
  return {
    ...row,
    status: row.status as "active" | "closed",
    endsAt: row.endsAt?.toISOString() ?? null,
    coverImage: (coverImageId && covers.get(coverImageId)) || null,
  };
}

/** The cover images of these campaign rows, by id (one query). */
function coversOf(db: Database, rows: { coverImageId: string | null }[]): Promise<Map<string, RenderableImage>> {
  return findImages(db, [...new Set(rows.flatMap((row) => (row.coverImageId ? [row.coverImageId] : [])))]);
}

/** Active campaigns (not the general fund) with their figures: featured first, then newest. */
export async function listActiveCampaigns(db: Database): Promise<CampaignFigures[]> {
  const { raised, joinOn } = withRaised(db);
  const rows = await db
    .select(figuresColumns(raised))
    .from(campaigns)
    .leftJoin(raised, joinOn)
    .where(and(eq(campaigns.status, "active"), eq(campaigns.kind, "campaign")))
    .orderBy(desc(campaigns.featured), desc(campaigns.publishedOn), asc(campaigns.title));
  const covers = await coversOf(db, rows);
  return rows.map((row) => toFigures(row, covers));
}

/**
 * A public campaign page by slug or id: active or closed (drafts are not public; the general
 * fund has no page).
 */
export async function findPublicCampaign(db: Database, key: string | { id: string }): Promise<CampaignPage | null> {
  // Only a possible slug reaches PostgreSQL: a URL can carry a NUL byte, which text refuses (a 500).
  if (typeof key === "string" && !SLUG_PATTERN.test(key)) return null;
  const { raised, joinOn } = withRaised(db);
  const [row] = await db
    .select({
      ...figuresColumns(raised),
      bodyMarkdown: campaigns.bodyMarkdown,
      sourceName: campaigns.sourceName,
      sourceUrl: campaigns.sourceUrl,
      sourcePublishedOn: campaigns.sourcePublishedOn,
      questions: campaigns.questions,
      askPostalAddress: campaigns.askPostalAddress,
    })
    .from(campaigns)
    .leftJoin(raised, joinOn)
    .where(
      and(
        typeof key === "string" ? eq(campaigns.slug, key) : eq(campaigns.id, key.id),
        eq(campaigns.kind, "campaign"),
        inArray(campaigns.status, ["active", "closed"]),
      ),
    );
  if (!row || !publicStatus(row.status)) return null;
  const [match, matchedAmount] = await Promise.all([findPublicMatch(db, row.id, row.currency), matchedTotal(db, row.id, row.currency)]);
  return { ...toFigures(row, await coversOf(db, [row])), match, matchedAmount };
}

/**
 * The id of the campaign (any kind or status) that has this web address, now or before a rename
 * (campaign_slug_redirects): the page compares it with the campaign's current address.
 */
export async function findCampaignIdBySlug(db: Database, slug: string): Promise<string | null> {
  if (!SLUG_PATTERN.test(slug)) return null; // a URL can carry a NUL byte, which PostgreSQL's text refuses (a 500)
  const [row] = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.slug, slug)).limit(1);
  if (row) return row.id;
  const [redirect] = await db.select({ id: campaignSlugRedirects.campaignId }).from(campaignSlugRedirects).where(eq(campaignSlugRedirects.slug, slug)).limit(1);
  return redirect?.id ?? null;
}

/** Slugs and update times of public campaign pages, for the sitemap. */
export async function listPublicCampaignSlugs(db: Database): Promise<{ slug: string; updatedAt: Date }[]> {
  return db
    .select({ slug: campaigns.slug, updatedAt: campaigns.updatedAt })
    .from(campaigns)
    .where(and(inArray(campaigns.status, ["active", "closed"]), eq(campaigns.kind, "campaign")));
}
