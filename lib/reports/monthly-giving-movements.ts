import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/database";
import { rangeBounds, type DateRange } from "./report-filters";

/** A monthly gift the donor has set to end: still active at Stripe, never charged again. */
export interface EndingMonthlyGift {
  id: string;
  campaignTitle: string;
  /** Monthly amount, minor units of the report's currency. */
  amount: number;
  /** When it stops (cancel_at, else the current period's end); null if Stripe gave neither. */
  endsOn: Date | null;
}

export interface MonthlyGivingMovements {
  currency: string;
  /** Gifts set to end (cancel at period end, or a scheduled cancel_at), not ended yet. */
  endingCount: number;
  /** What they charged a month (already left out of MRR). */
  endingMonthlyAmount: number;
  /** The soonest to end, at most ENDING_LIST_LIMIT. */
  ending: EndingMonthlyGift[];
  /** Monthly gifts that ended (were cancelled at Stripe) in the range. */
  churnedCount: number;
  /** What those gifts charged a month: the monthly income lost in the range. */
  churnedMonthlyAmount: number;
}

export const ENDING_LIST_LIMIT = 10;

export interface MovementsQuery {
  range: DateRange;
  currency: string;
  campaignId?: string;
}

type Rows<T> = { rows: T[] };

/**
 * Ending gifts now and churn in the range, in one currency, optionally one campaign. Each
 * query reads a partial or covering index on recurring_gifts (db/schema.ts), so its cost is
 * the number of ending or ended gifts it returns, not the number of monthly gifts
 * (bench/dashboard.ts times them). The ending condition is the partial index's predicate.
 */
export async function getMonthlyGivingMovements(db: Database, query: MovementsQuery): Promise<MonthlyGivingMovements> {
  const { start, end } = rangeBounds(query.range);
  // Monthly gifts only: a yearly gift's amount is a year's, and the yearly gifts are their own figure.
  const campaignFilter = query.campaignId ? sql`and r.campaign_id = ${query.campaignId}::uuid and r.interval <> 'year'` : sql`and r.interval <> 'year'`;
  const endingWhere = sql`r.currency = ${query.currency} ${campaignFilter}
    and r.status not in ('canceled', 'incomplete_expired') and (r.cancel_at_period_end or r.cancel_at is not null)`;
  const [endingTotals, endingList, churn] = await Promise.all([
    db.execute(sql`select count(*) as n, coalesce(sum(r.amount), 0) as amount from recurring_gifts r where ${endingWhere}`) as unknown as Promise<
      Rows<{ n: string | number; amount: string | number }>
    >,
    db.execute(sql`
      select r.id, c.title as campaign_title, r.amount, coalesce(r.cancel_at, r.current_period_end) as ends_on
      from recurring_gifts r join campaigns c on c.id = r.campaign_id
      where ${endingWhere}
      order by coalesce(r.cancel_at, r.current_period_end) nulls last, r.id
      limit ${ENDING_LIST_LIMIT}`) as unknown as Promise<Rows<{ id: string; campaign_title: string; amount: number; ends_on: string | Date | null }>>,
    db.execute(sql`
      select count(*) as n, coalesce(sum(r.amount), 0) as amount from recurring_gifts r
      where r.currency = ${query.currency} and r.ended_at >= ${start.toISOString()}::timestamptz and r.ended_at < ${end.toISOString()}::timestamptz
        and r.status = 'canceled' ${campaignFilter}`) as unknown as Promise<Rows<{ n: string | number; amount: string | number }>>,
  ]);
  return {
    currency: query.currency,
    endingCount: Number(endingTotals.rows[0]?.n ?? 0),
    endingMonthlyAmount: Number(endingTotals.rows[0]?.amount ?? 0),
    ending: endingList.rows.map((row) => ({
      id: row.id,
      campaignTitle: row.campaign_title,
      amount: Number(row.amount),
      endsOn: row.ends_on === null ? null : new Date(row.ends_on),
    })),
    churnedCount: Number(churn.rows[0]?.n ?? 0),
    churnedMonthlyAmount: Number(churn.rows[0]?.amount ?? 0),
  };
}
