import "server-only";
import { unstable_cache } from "next/cache";
import { getDb } from "@/db/client";
import { GIVING_TOTALS_TAG } from "@/lib/campaigns/cache-tags";
import { getDashboardTotals, type DashboardTotals } from "./dashboard-totals";

export interface CachedDashboardTotals {
  totals: DashboardTotals;
  /** When the database computed these figures (ISO). */
  computedAt: string;
}

/**
 * The dashboard's totals read every gift (about 0.7 s over a million on PostgreSQL; see
 * bench/dashboard.ts), so they are kept in Next's cache under the giving-totals tag: every gift,
 * refund and campaign edit expires it (revalidateCampaignFigures), and the next admin view
 * recomputes. The short time limit bounds staleness for changes that expire no tag, such as a
 * monthly gift's status changing at Stripe. Callers check the admin first: this holds no
 * access control of its own.
 */
export const getCachedDashboardTotals: () => Promise<CachedDashboardTotals> = unstable_cache(
  async () => ({ totals: await getDashboardTotals(await getDb()), computedAt: new Date().toISOString() }),
  ["admin-dashboard-totals"],
  { tags: [GIVING_TOTALS_TAG], revalidate: 60 },
);
