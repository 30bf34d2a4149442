import "server-only";
import { sql, type AnyColumn } from "drizzle-orm";
import { ledgerCampaignTotals, ledgerCurrencyTotals } from "@/db/schema";
import type { Database } from "@/db/database";
import type { GiftFigures } from "./gift-figures";

/** One campaign's (or, with campaignId null, every campaign's) maintained figures in one currency. */
export interface LedgerTotals extends GiftFigures {
  campaignId: string | null;
  currency: string;
  donorCount: number;
  activeMonthlyDonors: number;
  monthlyRecurringRevenue: number;
  /** Active yearly gifts and the sum of their yearly amounts. */
  activeYearlyGifts: number;
  yearlyRecurringAmount: number;
}

const summed = (column: AnyColumn) => sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number);

const t = ledgerCampaignTotals;
const sumsOfStripes = {
  grossAmount: summed(t.grossAmount),
  refundedAmount: summed(t.refundedAmount),
  disputeLostAmount: summed(t.disputeLostAmount),
  netAmount: summed(t.netAmount),
  feeAmount: summed(t.feeAmount),
  giftCount: summed(t.giftCount),
  oneOffAmount: summed(t.oneOffAmount),
  oneOffCount: summed(t.oneOffCount),
  monthlyAmount: summed(t.monthlyAmount),
  monthlyCount: summed(t.monthlyCount),
  donorCount: summed(t.donorCount),
  activeMonthlyDonors: summed(t.activeMonthlyDonors),
  monthlyRecurringRevenue: summed(t.monthlyRecurringRevenue),
  activeYearlyGifts: summed(t.activeYearlyGifts),
  yearlyRecurringAmount: summed(t.yearlyRecurringAmount),
};

const FIGURES = Object.keys(sumsOfStripes) as (keyof typeof sumsOfStripes)[];

/**
 * Every campaign's figures per currency and the all-campaigns figures per currency, read from
 * the ledger (a few rows per campaign, whatever the number of gifts). Amounts overall are the
 * campaigns' sums; distinct donors overall come from their own counters.
 */
export async function readLedgerTotals(db: Database): Promise<{ campaigns: LedgerTotals[]; overall: LedgerTotals[] }> {
  const campaignRows = await db
    .select({ campaignId: t.campaignId, currency: t.currency, ...sumsOfStripes })
    .from(t)
    .groupBy(t.campaignId, t.currency);
  const currencyRows = await db
    .select({
      currency: ledgerCurrencyTotals.currency,
      donorCount: summed(ledgerCurrencyTotals.donorCount),
      activeMonthlyDonors: summed(ledgerCurrencyTotals.activeMonthlyDonors),
    })
    .from(ledgerCurrencyTotals)
    .groupBy(ledgerCurrencyTotals.currency);

  const overall = new Map<string, LedgerTotals>();
  for (const row of campaignRows) {
    const sum = overall.get(row.currency);
    if (!sum) {
      overall.set(row.currency, { ...row, campaignId: null });
      continue;
    }
    for (const key of FIGURES) sum[key] += row[key];
  }
  for (const row of currencyRows) {
    const sum = overall.get(row.currency);
    if (!sum) continue;
    sum.donorCount = row.donorCount;
    sum.activeMonthlyDonors = row.activeMonthlyDonors;
  }
  return { campaigns: campaignRows, overall: [...overall.values()] };
}

/** A campaign's net raised and donor count in its own currency, as a subquery to join on campaigns. */
export function campaignRaisedSubquery(db: Database) {
  return db
    .select({
      campaignId: t.campaignId,
      currency: t.currency,
      raisedAmount: sql<number>`sum(${t.netAmount})`.as("raised_amount"),
      donorCount: sql<number>`sum(${t.donorCount})`.as("donor_count"),
    })
    .from(t)
    .groupBy(t.campaignId, t.currency)
    .as("ledger_raised");
}
