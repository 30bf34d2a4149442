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
 * The dashboard's totals come from the ledger (a few rows per campaign: milliseconds at a
 * million gifts, see bench/dashboard.ts); they are still kept in Next's cache under the
 * giving-totals tag, which spares the database on busy admin pages: every gift,
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
