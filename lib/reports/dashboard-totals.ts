import "server-only";
import { asc, desc, sql } from "drizzle-orm";
import { campaignMatches, campaigns } from "@/db/schema";
import type { Database } from "@/db/database";
import { progressPercent } from "@/lib/campaigns/campaign-progress";
import { readLedgerTotals, type LedgerTotals } from "@/lib/ledger/ledger-totals";
import { feesNotRecordedByCampaign, settledTotals, type SettledTotals } from "./stripe-settlement";

/** Gift figures in one currency (amounts are never added across currencies). */
export interface GiftTotals {
  currency: string;
  /** Net of refunds and lost disputes, minor units. */
  raisedAmount: number;
  /** Everything paid, before refunds and disputes. */
  grossAmount: number;
  refundedAmount: number;
  /** Taken back by disputes the organisation lost. */
  disputeLostAmount: number;
  /** Stripe's fees on these gifts: payments, refunds and disputes (lib/ledger). */
  feeAmount: number;
  /** What the organisation received: raisedAmount − feeAmount. */
  netAfterFeesAmount: number;
  /**
   * Stripe gifts whose payment fee was never read (recorded before Lantern read fees): their fee
   * is unknown, not 0, so feeAmount and netAfterFeesAmount leave it out and say so.
   */
  feeNotRecordedCount: number;
  /** Gifts with something kept (not fully refunded, no dispute lost). */
  giftCount: number;
  /** Distinct donors with at least one gift kept. */
  donorCount: number;
  oneOffAmount: number;
  oneOffCount: number;
  monthlyAmount: number;
  monthlyCount: number;
  /** raisedAmount / giftCount rounded to the minor unit; null without gifts. */
  averageGiftAmount: number | null;
  /** Donors with a monthly gift Stripe will charge again (active or past due, no end scheduled: willChargeAgain). */
  activeMonthlyDonors: number;
  /** Sum of the monthly amounts of those gifts (ending, paused and cancelled gifts left out). */
  monthlyRecurringRevenue: number;
  /** Yearly gifts Stripe will charge again (the same rule), and the sum of their yearly amounts. */
  activeYearlyGifts: number;
  yearlyRecurringAmount: number;
  /**
   * "Recurring per month": MRR plus a twelfth of the yearly amounts, rounded to the minor unit
   * once over the sum (so it does not drift with the number of yearly gifts).
   */
  recurringPerMonth: number;
  /** What sponsors' matches add on top of `raisedAmount` (owed by the sponsors; lib/donations/gift-match.ts). */
  matchedAmount: number;
}

/** The monthly equivalent of recurring giving: monthly gifts as they are, yearly gifts as 1/12. */
export function recurringPerMonth(monthlyRecurringRevenue: number, yearlyRecurringAmount: number): number {
  return monthlyRecurringRevenue + Math.round(yearlyRecurringAmount / 12);
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
  /** What Stripe's balance received and paid out, per settlement currency (lib/reports/stripe-settlement.ts). */
  settled: SettledTotals[];
}

type Key = string;
const key = (campaignId: string | null, currency: string): Key => `${campaignId ?? "*"}|${currency}`;

function emptyTotals(currency: string): GiftTotals {
  return {
    currency,
    raisedAmount: 0,
    grossAmount: 0,
    refundedAmount: 0,
    disputeLostAmount: 0,
    feeAmount: 0,
    netAfterFeesAmount: 0,
    feeNotRecordedCount: 0,
    giftCount: 0,
    donorCount: 0,
    oneOffAmount: 0,
    oneOffCount: 0,
    monthlyAmount: 0,
    monthlyCount: 0,
    averageGiftAmount: null,
    activeMonthlyDonors: 0,
    monthlyRecurringRevenue: 0,
    activeYearlyGifts: 0,
    yearlyRecurringAmount: 0,
    recurringPerMonth: 0,
    matchedAmount: 0,
  };
}

function giftTotalsOf(row: LedgerTotals): GiftTotals {
  return {
    currency: row.currency,
    raisedAmount: row.netAmount,
    grossAmount: row.grossAmount,
    refundedAmount: row.refundedAmount,
    disputeLostAmount: row.disputeLostAmount,
    feeAmount: row.feeAmount,
    netAfterFeesAmount: row.netAmount - row.feeAmount,
    feeNotRecordedCount: 0,
    giftCount: row.giftCount,
    donorCount: row.donorCount,
    oneOffAmount: row.oneOffAmount,
    oneOffCount: row.oneOffCount,
    monthlyAmount: row.monthlyAmount,
    monthlyCount: row.monthlyCount,
    averageGiftAmount: row.giftCount > 0 ? Math.round(row.netAmount / row.giftCount) : null,
    activeMonthlyDonors: row.activeMonthlyDonors,
    monthlyRecurringRevenue: row.monthlyRecurringRevenue,
    activeYearlyGifts: row.activeYearlyGifts,
    yearlyRecurringAmount: row.yearlyRecurringAmount,
    recurringPerMonth: recurringPerMonth(row.monthlyRecurringRevenue, row.yearlyRecurringAmount),
    matchedAmount: 0,
  };
}

/** A currency a campaign once received but where nothing is left to show (all refunded, monthly gift ended). */
function isEmpty(totals: GiftTotals): boolean {
  return totals.grossAmount === 0 && totals.activeMonthlyDonors === 0 && totals.monthlyRecurringRevenue === 0 && totals.activeYearlyGifts === 0;
}

/**
 * Every figure of the dashboard, read from the ledger that each gift, refund, dispute and
 * monthly-gift change updates in its own transaction (lib/ledger): a few rows per campaign,
 * whatever the number of gifts, so nothing here scans the gift table.
 */
export async function getDashboardTotals(db: Database): Promise<DashboardTotals> {
  const ledger = await readLedgerTotals(db);
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
  for (const row of [...ledger.campaigns, ...ledger.overall]) {
    const totals = giftTotalsOf(row);
    if (!isEmpty(totals)) byKey.set(key(row.campaignId, row.currency), totals);
  }
  // Matched amounts: one row per match, kept with each gift (a few rows, never the gifts).
  const matched = await db
    .select({ campaignId: campaignMatches.campaignId, currency: campaignMatches.currency, amount: sql<string>`sum(${campaignMatches.usedAmount})` })
    .from(campaignMatches)
    .groupBy(campaignMatches.campaignId, campaignMatches.currency);
  for (const row of matched) {
    const amount = Number(row.amount);
    if (amount === 0) continue;
    totalsFor(row.campaignId, row.currency).matchedAmount += amount;
    totalsFor(null, row.currency).matchedAmount += amount;
  }

  // Gifts whose fee is unknown: a few rows from a partial index, the gifts themselves never scanned.
  for (const row of await feesNotRecordedByCampaign(db)) {
    totalsFor(row.campaignId, row.currency).feeNotRecordedCount += row.count;
    totalsFor(null, row.currency).feeNotRecordedCount += row.count;
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
    const goal = goalsByCurrency.get(campaign.currency) ?? {
      currency: campaign.currency,
      goalAmount: 0,
      raisedAmount: 0,
      campaignCount: 0,
      progressPercent: 0,
    };
    goal.goalAmount += campaign.goalAmount;
    goal.raisedAmount += totals[0]?.raisedAmount ?? 0;
    goal.campaignCount += 1;
    goalsByCurrency.set(campaign.currency, goal);
  }
  const goals = [...goalsByCurrency.values()]
    .map((goal) => ({ ...goal, progressPercent: progressPercent(goal.raisedAmount, goal.goalAmount) }))
    .sort((a, b) => a.currency.localeCompare(b.currency));

  return { overall, goals, campaigns: campaignTotals, settled: await settledTotals(db) };
}
