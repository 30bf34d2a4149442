import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/database";
import { rangeBounds, type DateRange, type Granularity } from "./report-filters";

export interface TrendPoint {
  /** First day of the bucket, YYYY-MM-DD (weeks start on Monday, UTC). */
  bucket: string;
  /** Gifts kept (not fully refunded, no dispute lost). */
  giftCount: number;
  /** Net of refunds and lost disputes, minor units of the trend's currency. */
  raisedAmount: number;
}

export interface TrendQuery {
  range: DateRange;
  granularity: Granularity;
  currency: string;
  campaignId?: string;
}

/**
 * Gifts per day or week in one currency, every bucket of the range present (zero when
 * nothing came in), from the ledger's daily rows (lib/ledger: kept per UTC day in each gift's
 * transaction), so two years of one campaign is at most a few thousand small rows, never the
 * gifts themselves. generate_series fills the days without gifts.
 */
export async function getGiftTrend(db: Database, query: TrendQuery): Promise<TrendPoint[]> {
  const { start, end } = rangeBounds(query.range);
  const step = query.granularity === "week" ? sql`interval '7 days'` : sql`interval '1 day'`;
  const unit = query.granularity === "week" ? "week" : "day";
  const campaignFilter = query.campaignId ? sql`and campaign_id = ${query.campaignId}::uuid` : sql``;
  const result = await db.execute(sql`
    with buckets as (
      select generate_series(
        date_trunc(${unit}, ${start.toISOString()}::timestamptz at time zone 'UTC'),
        date_trunc(${unit}, (${end.toISOString()}::timestamptz - interval '1 microsecond') at time zone 'UTC'),
        ${step}
      ) as bucket
    ),
    gifts as (
      select date_trunc(${unit}, day::timestamp) as bucket,
        sum(gift_count) as gift_count,
        sum(net_amount) as raised_amount
      from ledger_daily_totals
      where day >= (${start.toISOString()}::timestamptz at time zone 'UTC')::date and day < (${end.toISOString()}::timestamptz at time zone 'UTC')::date
        and currency = ${query.currency} ${campaignFilter}
      group by 1
    )
    select to_char(buckets.bucket, 'YYYY-MM-DD') as bucket,
      coalesce(gifts.gift_count, 0) as gift_count,
      coalesce(gifts.raised_amount, 0) as raised_amount
    from buckets left join gifts on gifts.bucket = buckets.bucket
    order by buckets.bucket`);
  // Both drivers (PGlite, node-postgres) answer raw SQL with `{ rows }`.
  const { rows } = result as unknown as { rows: { bucket: string; gift_count: string | number; raised_amount: string | number }[] };
  return rows.map((row) => ({ bucket: row.bucket, giftCount: Number(row.gift_count), raisedAmount: Number(row.raised_amount) }));
}
