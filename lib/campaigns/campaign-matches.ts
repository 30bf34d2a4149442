import "server-only";
import { and, asc, desc, eq, gt, lt, sql } from "drizzle-orm";
import { campaignMatches, campaigns, donations, donors } from "@/db/schema";
import type { Database, Executor } from "@/db/database";
import { formatMoney, parseAmountToMinor } from "@/lib/money/money";
import type { PublicMatch } from "./match-wording";

/**
 * Sponsors' matching offers on a campaign (db/schema.ts campaignMatches): staff add them here,
 * the giving panel announces the one running, gifts draw on it in their own transaction
 * (lib/donations/gift-match.ts), and the sponsor's statement lists what they owe.
 * A match is in the campaign's currency; gifts in another currency are not matched.
 */

export interface MatchInput {
  sponsorName: string;
  ratio: "1" | "2";
  cap: string;
  /** `2026-12-07T09:00` read as UTC (the form says so). */
  startsAt: string;
  endsAt: string;
}

export type MatchInputErrors = Partial<Record<keyof MatchInput | "form", string>>;

/** A `datetime-local` value read as UTC; null when it is not one. */
export function parseUtcDateTime(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const date = new Date(`${value}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Adds a match to the campaign; the cap is read in the campaign's currency. */
export async function addCampaignMatch(
  db: Database,
  campaignId: string,
  input: MatchInput,
): Promise<{ ok: true; id: string } | { ok: false; errors: MatchInputErrors }> {
  const [campaign] = await db.select({ currency: campaigns.currency, kind: campaigns.kind }).from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign) return { ok: false, errors: { form: "That campaign no longer exists." } };
  const errors: MatchInputErrors = {};
  const cap = parseAmountToMinor(input.cap, campaign.currency);
  if (cap === null || cap <= 0) errors.cap = `Enter the most the sponsor will give, in ${campaign.currency}, e.g. 5000.`;
  else if (cap > 2_000_000_000) errors.cap = "That cap is too large.";
  const startsAt = parseUtcDateTime(input.startsAt);
  const endsAt = parseUtcDateTime(input.endsAt);
  if (!startsAt) errors.startsAt = "Enter when the match starts.";
  if (!endsAt) errors.endsAt = "Enter when the match ends.";
  else if (startsAt && endsAt <= startsAt) errors.endsAt = "The match must end after it starts.";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const [row] = await db
    .insert(campaignMatches)
    .values({
      campaignId,
      sponsorName: input.sponsorName,
      ratio: Number(input.ratio),
      capAmount: cap!,
      currency: campaign.currency,
      startsAt: startsAt!,
      endsAt: endsAt!,
    })
    .returning({ id: campaignMatches.id });
  return { ok: true, id: row!.id };
}

/** Ends a match now (gifts from now on are not matched); what it already matched stays owed. */
export async function endCampaignMatch(db: Database, matchId: string, now = new Date()): Promise<{ campaignId: string } | null> {
  const [row] = await db
    .update(campaignMatches)
    .set({ endsAt: sql`greatest(${campaignMatches.startsAt} + interval '1 millisecond', least(${campaignMatches.endsAt}, ${now}))` })
    .where(eq(campaignMatches.id, matchId))
    .returning({ campaignId: campaignMatches.campaignId });
  return row ?? null;
}

export type CampaignMatchRow = typeof campaignMatches.$inferSelect;

export function listCampaignMatches(db: Executor, campaignId: string): Promise<CampaignMatchRow[]> {
  return db.select().from(campaignMatches).where(eq(campaignMatches.campaignId, campaignId)).orderBy(desc(campaignMatches.startsAt));
}

export function matchStatus(match: Pick<CampaignMatchRow, "startsAt" | "endsAt" | "usedAmount" | "capAmount">, now: Date): string {
  // Ended by an admin before it started: it never runs (endCampaignMatch).
  if (match.endsAt.getTime() - match.startsAt.getTime() <= 1) return "Ended";
  if (now < match.startsAt) return "Not started";
  if (match.usedAmount >= match.capAmount) return "Cap reached";
  if (now >= match.endsAt) return "Ended";
  return "Running";
}

/** "1:1", "2:1". */
export function ratioText(ratio: number): string {
  return `${ratio}:1`;
}

/**
 * The campaign's match to announce: running or about to, in its currency, with room left.
 * The page is cached, so it gets the window and decides by the clock when it renders (and the
 * browser decides again).
 */
export async function findPublicMatch(db: Executor, campaignId: string, currency: string, now = new Date()): Promise<PublicMatch | null> {
  const [match] = await db
    .select({ sponsorName: campaignMatches.sponsorName, ratio: campaignMatches.ratio, startsAt: campaignMatches.startsAt, endsAt: campaignMatches.endsAt })
    .from(campaignMatches)
    .where(
      and(
        eq(campaignMatches.campaignId, campaignId),
        eq(campaignMatches.currency, currency),
        gt(campaignMatches.endsAt, now),
        lt(campaignMatches.usedAmount, campaignMatches.capAmount),
      ),
    )
    .orderBy(asc(campaignMatches.startsAt))
    .limit(1);
  return match ? { ...match, startsAt: match.startsAt.toISOString(), endsAt: match.endsAt.toISOString() } : null;
}

/** What sponsors have matched on the campaign, in its currency: the sum the gifts hold now. */
export async function matchedTotal(db: Executor, campaignId: string, currency: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<string | null>`sum(${campaignMatches.usedAmount})` })
    .from(campaignMatches)
    .where(and(eq(campaignMatches.campaignId, campaignId), eq(campaignMatches.currency, currency)));
  return Number(row?.total ?? 0);
}

/** The sponsor's statement: the match, the campaign, and each gift it matched (what they owe is the sum). */
export async function matchStatement(db: Executor, matchId: string) {
  const [match] = await db
    .select({ match: campaignMatches, campaignTitle: campaigns.title })
    .from(campaignMatches)
    .innerJoin(campaigns, eq(campaigns.id, campaignMatches.campaignId))
    .where(eq(campaignMatches.id, matchId));
  if (!match) return null;
  const gifts = await db
    .select({
      id: donations.id,
      paidAt: donations.paidAt,
      amount: donations.amount,
      feeCoveredAmount: donations.feeCoveredAmount,
      refundedAmount: donations.refundedAmount,
      disputeStatus: donations.disputeStatus,
      matchedAmount: donations.matchedAmount,
      currency: donations.currency,
      receiptYear: donations.receiptYear,
      receiptSequence: donations.receiptSequence,
      anonymous: donations.anonymous,
      donorName: donors.name,
    })
    .from(donations)
    .innerJoin(donors, eq(donors.id, donations.donorId))
    .where(and(eq(donations.matchId, matchId), gt(donations.matchedAmount, 0)))
    .orderBy(asc(donations.paidAt), asc(donations.id));
  const owed = gifts.reduce((sum, gift) => sum + gift.matchedAmount, 0);
  return { ...match.match, campaignTitle: match.campaignTitle, gifts, owedAmount: owed };
}

export type MatchStatement = NonNullable<Awaited<ReturnType<typeof matchStatement>>>;

export function formatMatchCap(match: Pick<CampaignMatchRow, "capAmount" | "usedAmount" | "currency">): string {
  return `${formatMoney(match.usedAmount, match.currency)} of ${formatMoney(match.capAmount, match.currency)}`;
}
