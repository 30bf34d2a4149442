import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { ledgerDailyTotals } from "@/db/schema";
import type { Database } from "@/db/database";

/** The shares of a goal a campaign page marks: half way, and the goal itself. */
export const MILESTONE_PERCENTS = [50, 100] as const;

export interface Milestone {
  percent: number;
  /** The amount that reaches it, in minor units of the campaign's currency. */
  amount: number;
  reached: boolean;
  /** The UTC day (YYYY-MM-DD) the running total first reached it; null when not reached or not known. */
  reachedOn: string | null;
}

export interface DailyRaised {
  /** YYYY-MM-DD, UTC. */
  day: string;
  /** Net raised on gifts paid that day (after their refunds and lost disputes). */
  netAmount: number;
}

/**
 * The milestones of a campaign with a goal (none without one). Reached is decided by the total
 * the page shows (`raisedAmount`); the day it was reached is the first day the running total of
 * the days' net amounts got there. A refund counts against the day of the gift it refunds, so a
 * milestone undone by refunds stops being reached, and its day moves to when it truly was.
 */
export function campaignMilestones(goalAmount: number | null, raisedAmount: number, days: DailyRaised[]): Milestone[] {
  if (!goalAmount || goalAmount <= 0) return [];
  const ordered = [...days].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  return MILESTONE_PERCENTS.map((percent) => {
    const amount = Math.ceil((goalAmount * percent) / 100);
    const reached = raisedAmount >= amount;
    let reachedOn: string | null = null;
    if (reached) {
      let running = 0;
      for (const { day, netAmount } of ordered) {
        running += netAmount;
        if (running >= amount) {
          reachedOn = day;
          break;
        }
      }
    }
    return { percent, amount, reached, reachedOn };
  });
}

/** Net raised per UTC day in the campaign's currency, from the ledger (one row per day that added something). */
export async function listDailyRaised(db: Database, campaignId: string, currency: string): Promise<DailyRaised[]> {
  const t = ledgerDailyTotals;
  return db
    .select({ day: t.day, netAmount: sql<number>`coalesce(sum(${t.netAmount}), 0)`.mapWith(Number) })
    .from(t)
    .where(and(eq(t.campaignId, campaignId), eq(t.currency, currency)))
    .groupBy(t.day)
    .having(sql`sum(${t.netAmount}) <> 0`) // a day whose gifts were all refunded adds nothing
    .orderBy(asc(t.day));
}
