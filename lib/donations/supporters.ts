import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { donations, donors } from "@/db/schema";
import type { Database } from "@/db/database";

/** How many of the latest gifts a campaign page lists. */
export const SUPPORTERS_SHOWN = 10;

/**
 * One gift as the public supporters list may show it. For a gift made anonymously the query
 * itself returns neither name nor amount, so they never reach the page or its cache.
 */
export interface PublicSupporter {
  /** "Min-ji P.", or null: anonymous, or no name given. */
  displayName: string | null;
  anonymous: boolean;
  /** What the gift still counts for (net of refunds), null when anonymous. */
  amount: number | null;
  currency: string;
  monthly: boolean;
  /** ISO time the gift was paid. */
  paidAt: string;
}

/**
 * A donor's name as the supporters list shows it: the first name and the last name's initial
 * ("Min-ji Park" → "Min-ji P."), so a public page never carries a full name. The donors' names
 * come from the checkout's "name on card".
 */
export function publicDisplayName(name: string | null): string | null {
  const words = (name ?? "").trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  if (words.length === 1) return words[0]!;
  const initial = Array.from(words[words.length - 1]!)[0]!.toLocaleUpperCase("en-US");
  return `${words[0]} ${initial}.`;
}

/** What the gift still counts for: the ledger's rule (lib/ledger/ledger-sql.ts NET_SQL) on these columns. */
const NET = sql<number>`case when ${donations.disputeStatus} = 'lost' then 0 else ${donations.amount} - ${donations.refundedAmount} end`;

/**
 * The latest gifts to a campaign that still count (not fully refunded, no lost dispute), newest
 * first. Reads at most `limit` rows through donations_campaign_paid_at_idx.
 */
export async function listRecentSupporters(db: Database, campaignId: string, limit = SUPPORTERS_SHOWN): Promise<PublicSupporter[]> {
  const rows = await db
    .select({
      anonymous: donations.anonymous,
      name: sql<string | null>`case when ${donations.anonymous} then null else ${donors.name} end`,
      amount: sql<number | null>`case when ${donations.anonymous} then null else ${NET} end`,
      currency: donations.currency,
      kind: donations.kind,
      paidAt: donations.paidAt,
    })
    .from(donations)
    .innerJoin(donors, eq(donors.id, donations.donorId))
    // A voided offline gift counts for nothing (the ledger's rule, lib/ledger/ledger-sql.ts COUNTED_GIFTS_SQL).
    .where(and(eq(donations.campaignId, campaignId), isNull(donations.voidedAt), sql`${NET} > 0`))
    .orderBy(desc(donations.paidAt), desc(donations.id))
    .limit(limit);
  return rows.map((row) => ({
    displayName: row.anonymous ? null : publicDisplayName(row.name),
    anonymous: row.anonymous,
    amount: row.anonymous || row.amount === null ? null : Number(row.amount),
    currency: row.currency,
    monthly: row.kind === "recurring",
    paidAt: row.paidAt.toISOString(),
  }));
}

/**
 * When a gift was made, in whole UTC days: "today", "yesterday", "3 days ago", then the date.
 * Days rather than hours because the page is cached until the next gift or edit (at most an
 * hour): "2 hours ago" would soon be wrong, "today" stays right.
 */
export function givenWhen(paidAt: string, now: Date): string {
  const day = (date: Date) => Math.floor(date.getTime() / 86_400_000);
  const days = day(now) - day(new Date(paidAt));
  if (days <= 0) return "today";
  if (days === 1) return "yesterday";
  if (days < 30) return `${days} days ago`;
  return `on ${new Date(paidAt).toLocaleDateString("en-US", { dateStyle: "long", timeZone: "UTC" })}`;
}
