import "server-only";
import { and, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { STRIPE_GIFT_METHODS } from "@/lib/donations/gift-methods";
import { donations, giftRefunds, paymentDisputes } from "@/db/schema";
import type { Database } from "@/db/database";

/**
 * What Stripe's balance received and paid out for Lantern's gifts, per settlement currency, as
 * the balance transactions Lantern stored report it (lib/donations/gift-fees.ts `Settlement`):
 * the figures a treasurer matches against Stripe's payouts. A US account settles everything in
 * USD, so a EUR gift appears here in USD at Stripe's rate, never added to a EUR figure.
 */
export interface SettledTotals {
  currency: string;
  /** Payments with a stored balance transaction. */
  paymentCount: number;
  /** Their amounts as settled (converted by Stripe where the gift's currency differs). */
  grossAmount: number;
  /** Refunds and disputes as settled: negative when money left the balance (a won dispute's reinstatement adds back). */
  refundsAndDisputesAmount: number;
  /** Every Stripe fee: payments', refunds' and disputes' (a returned dispute countered fee subtracts). */
  feeAmount: number;
  /** grossAmount + refundsAndDisputesAmount − feeAmount: what Stripe pays out for these gifts. */
  netAmount: number;
  /** Payments among them Stripe converted from another currency. */
  convertedCount: number;
}

export async function settledTotals(db: Database): Promise<SettledTotals[]> {
  const [payments, refunds, disputes] = await Promise.all([
    db
      .select({
        currency: donations.settlementCurrency,
        count: sql<string>`count(*)`,
        converted: sql<string>`count(${donations.exchangeRate})`,
        amount: sql<string>`coalesce(sum(${donations.settlementAmount}), 0)`,
        fee: sql<string>`coalesce(sum(${donations.settlementFeeAmount}), 0)`,
      })
      .from(donations)
      .where(and(isNotNull(donations.settlementCurrency), isNull(donations.voidedAt)))
      .groupBy(donations.settlementCurrency),
    db
      .select({
        currency: giftRefunds.settlementCurrency,
        amount: sql<string>`coalesce(sum(${giftRefunds.settlementAmount}), 0)`,
        fee: sql<string>`coalesce(sum(${giftRefunds.settlementFeeAmount}), 0)`,
      })
      .from(giftRefunds)
      .where(isNotNull(giftRefunds.settlementCurrency))
      .groupBy(giftRefunds.settlementCurrency),
    db
      .select({
        currency: paymentDisputes.settlementCurrency,
        amount: sql<string>`coalesce(sum(${paymentDisputes.settlementAmount}), 0)`,
        fee: sql<string>`coalesce(sum(${paymentDisputes.settlementFeeAmount}), 0)`,
      })
      .from(paymentDisputes)
      .where(isNotNull(paymentDisputes.settlementCurrency))
      .groupBy(paymentDisputes.settlementCurrency),
  ]);
  const byCurrency = new Map<string, SettledTotals>();
  const totalsFor = (currency: string): SettledTotals => {
    let totals = byCurrency.get(currency);
    if (!totals) {
      totals = { currency, paymentCount: 0, grossAmount: 0, refundsAndDisputesAmount: 0, feeAmount: 0, netAmount: 0, convertedCount: 0 };
      byCurrency.set(currency, totals);
    }
    return totals;
  };
  for (const row of payments) {
    const totals = totalsFor(row.currency!);
    totals.paymentCount += Number(row.count);
    totals.convertedCount += Number(row.converted);
    totals.grossAmount += Number(row.amount);
    totals.feeAmount += Number(row.fee);
  }
  for (const row of [...refunds, ...disputes]) {
    const totals = totalsFor(row.currency!);
    totals.refundsAndDisputesAmount += Number(row.amount);
    totals.feeAmount += Number(row.fee);
  }
  return [...byCurrency.values()]
    .map((totals) => ({ ...totals, netAmount: totals.grossAmount + totals.refundsAndDisputesAmount - totals.feeAmount }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
}

/** Stripe gifts whose payment fee Lantern never read (recorded before fees were, or before Stripe made the balance transaction): the fee is unknown, not 0. */
export const feeNotRecorded = and(inArray(donations.method, STRIPE_GIFT_METHODS), isNull(donations.processingFeeAmount), isNull(donations.voidedAt));

/** How many such gifts each campaign has, per currency (from a partial index of just those rows). */
export async function feesNotRecordedByCampaign(db: Database): Promise<{ campaignId: string; currency: string; count: number }[]> {
  const rows = await db
    .select({ campaignId: donations.campaignId, currency: donations.currency, count: sql<string>`count(*)` })
    .from(donations)
    .where(feeNotRecorded)
    .groupBy(donations.campaignId, donations.currency);
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}
