import "server-only";
import { asc, desc, eq, sql } from "drizzle-orm";
import { campaigns, donations, recurringGifts } from "@/db/schema";
import type { Database } from "@/db/database";
import { progressPercent } from "@/lib/campaigns/campaign-progress";
import { giftNetAmount, giftStillCounts, raisedAmount } from "@/lib/donations/net-amount";

/** Gift figures in one currency (amounts are never added across currencies). */
export interface GiftTotals {
  currency: string;
  /** Net of refunds, minor units. */
  raisedAmount: number;
  refundedAmount: number;
  /** Gifts not fully refunded. */
  giftCount: number;
  /** Distinct donors with at least one gift not fully refunded. */
  donorCount: number;
  oneOffAmount: number;
  oneOffCount: number;
  monthlyAmount: number;
  monthlyCount: number;
  /** raisedAmount / giftCount rounded to the minor unit; null without gifts. */
  averageGiftAmount: number | null;
  /** Donors with an active monthly gift (Stripe subscription status "active"). */
  activeMonthlyDonors: number;
  /** Sum of the monthly amounts of active monthly gifts. */
  monthlyRecurringRevenue: number;
}

export interface CampaignSummary {
  id: string;
  slug: string;
  title: string;
  kind: "campaign" | "general_fund";
  status: "draft" | "active" | "closed";
  featured: boolean;
  currency: string;
  goalAmount: number | null;
}

export interface CampaignTotals {
  campaign: CampaignSummary;
  /** The campaign's own currency first (always present), then any other currency it received. */
  totals: GiftTotals[];
  /** Raised in the campaign's currency against its goal, 0–100. */
  progressPercent: number;
}

export interface CurrencyGoal {
  currency: string;
  /** Sum of the goals of public campaigns (active or closed) in this currency. */
  goalAmount: number;
  /** What those same campaigns raised, net. */
  raisedAmount: number;
  campaignCount: number;
  progressPercent: number;
}

export interface DashboardTotals {
  /** All campaigns and the general fund together, one entry per currency. */
  overall: GiftTotals[];
  goals: CurrencyGoal[];
  campaigns: CampaignTotals[];
}

type Key = string;
const key = (campaignId: string | null, currency: string): Key => `${campaignId ?? "*"}|${currency}`;

function emptyTotals(currency: string): GiftTotals {
  return {
    currency,
    raisedAmount: 0,
    refundedAmount: 0,
    giftCount: 0,
    donorCount: 0,
    oneOffAmount: 0,
    oneOffCount: 0,
    monthlyAmount: 0,
    monthlyCount: 0,
    averageGiftAmount: null,
    activeMonthlyDonors: 0,
    monthlyRecurringRevenue: 0,
  };
}

/**
 * Every figure of the dashboard, computed by PostgreSQL: one pass over donations and one over
 * active recurring gifts, each grouped by (campaign, currency) and by currency alone with
 * GROUPING SETS, so "unique donors across all campaigns" is counted by the database too.
 */
export async function getDashboardTotals(db: Database): Promise<DashboardTotals> {
  const net = giftNetAmount;
  const kept = giftStillCounts;
  const giftRows = await db
    .select({
      campaignId: donations.campaignId,
      currency: donations.currency,
      isOverall: sql<number>`grouping(${donations.campaignId})`.mapWith(Number),
      raisedAmount: sql<number>`${raisedAmount}`.mapWith(Number),
      refundedAmount: sql<number>`coalesce(sum(${donations.refundedAmount}), 0)`.mapWith(Number),
      giftCount: sql<number>`count(*) filter (where ${kept})`.mapWith(Number),
      donorCount: sql<number>`count(distinct ${donations.donorId}) filter (where ${kept})`.mapWith(Number),
      oneOffAmount: sql<number>`coalesce(sum(${net}) filter (where ${donations.kind} = 'one_off'), 0)`.mapWith(Number),
      oneOffCount: sql<number>`count(*) filter (where ${donations.kind} = 'one_off' and ${kept})`.mapWith(Number),
      monthlyAmount: sql<number>`coalesce(sum(${net}) filter (where ${donations.kind} = 'recurring'), 0)`.mapWith(Number),
      monthlyCount: sql<number>`count(*) filter (where ${donations.kind} = 'recurring' and ${kept})`.mapWith(Number),
      averageGiftAmount: sql<number | null>`round(sum(${net})::numeric / nullif(count(*) filter (where ${kept}), 0))`.mapWith(
        (value: unknown) => (value === null ? null : Number(value)),
      ),
    })
    .from(donations)
    .groupBy(sql`grouping sets ((${donations.campaignId}, ${donations.currency}), (${donations.currency}))`);

  const recurringRows = await db
    .select({
      campaignId: recurringGifts.campaignId,
      currency: recurringGifts.currency,
      isOverall: sql<number>`grouping(${recurringGifts.campaignId})`.mapWith(Number),
      activeMonthlyDonors: sql<number>`count(distinct ${recurringGifts.donorId})`.mapWith(Number),
      monthlyRecurringRevenue: sql<number>`coalesce(sum(${recurringGifts.amount}), 0)`.mapWith(Number),
    })
    .from(recurringGifts)
    .where(eq(recurringGifts.status, "active"))
    .groupBy(sql`grouping sets ((${recurringGifts.campaignId}, ${recurringGifts.currency}), (${recurringGifts.currency}))`);

  const campaignRows: CampaignSummary[] = await db
    .select({
      id: campaigns.id,
      slug: campaigns.slug,
      title: campaigns.title,
      kind: campaigns.kind,
      status: campaigns.status,
      featured: campaigns.featured,
      currency: campaigns.currency,
      goalAmount: campaigns.goalAmount,
    })
    .from(campaigns)
    .orderBy(asc(campaigns.kind), desc(campaigns.featured), desc(campaigns.createdAt), asc(campaigns.title));

  const byKey = new Map<Key, GiftTotals>();
  const totalsFor = (campaignId: string | null, currency: string): GiftTotals => {
    const k = key(campaignId, currency);
    let totals = byKey.get(k);
    if (!totals) {
      totals = emptyTotals(currency);
      byKey.set(k, totals);
    }
    return totals;
  };
  for (const { campaignId, isOverall, ...figures } of giftRows) {
    Object.assign(totalsFor(isOverall ? null : campaignId, figures.currency), figures);
  }
  for (const { campaignId, isOverall, currency, ...figures } of recurringRows) {
    Object.assign(totalsFor(isOverall ? null : campaignId, currency), figures);
  }

  const campaignTotals: CampaignTotals[] = campaignRows.map((campaign) => {
    const own = totalsFor(campaign.id, campaign.currency);
    const others = [...byKey.entries()]
      .filter(([k, totals]) => k.startsWith(`${campaign.id}|`) && totals.currency !== campaign.currency)
      .map(([, totals]) => totals)
      .sort((a, b) => a.currency.localeCompare(b.currency));
    return { campaign, totals: [own, ...others], progressPercent: progressPercent(own.raisedAmount, campaign.goalAmount) };
  });

  const overall = [...byKey.entries()]
    .filter(([k]) => k.startsWith("*|"))
    .map(([, totals]) => totals)
    .sort((a, b) => b.raisedAmount - a.raisedAmount || a.currency.localeCompare(b.currency));

  const goalsByCurrency = new Map<string, CurrencyGoal>();
  for (const { campaign, totals } of campaignTotals) {
    if (campaign.kind !== "campaign" || campaign.status === "draft" || !campaign.goalAmount) continue;
    const goal = goalsByCurrency.get(campaign.currency) ?? { currency: campaign.currency, goalAmount: 0, raisedAmount: 0, campaignCount: 0, progressPercent: 0 };
    goal.goalAmount += campaign.goalAmount;
    goal.raisedAmount += totals[0]?.raisedAmount ?? 0;
    goal.campaignCount += 1;
    goalsByCurrency.set(campaign.currency, goal);
  }
  const goals = [...goalsByCurrency.values()]
    .map((goal) => ({ ...goal, progressPercent: progressPercent(goal.raisedAmount, goal.goalAmount) }))
    .sort((a, b) => a.currency.localeCompare(b.currency));

  return { overall, goals, campaigns: campaignTotals };
}
