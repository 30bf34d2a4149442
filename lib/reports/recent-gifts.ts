import "server-only";
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { campaigns, donations, donors, recurringGifts } from "@/db/schema";
import type { Database } from "@/db/database";
import { giftFilterConditions } from "./gift-filter-sql";
import { giftStatusLabels, type GiftStatusLabel } from "./gift-status";
import type { GiftFilter } from "./report-filters";
import type { EmbedSource } from "@/lib/embed/embed-kinds";
import type { GiftMethod } from "@/lib/donations/gift-methods";

export interface RecentGift {
  id: string;
  paidAt: string;
  /** The donor's name (or email when they gave none); null for an anonymous gift. */
  donorName: string | null;
  /** The donor's email, for staff (also for an anonymous gift: anonymous means not named in public). */
  donorEmail: string | null;
  /** How it was paid: card (Stripe), or a method of a gift received offline. */
  method: GiftMethod;
  amount: number;
  refundedAmount: number;
  currency: string;
  kind: "one_off" | "recurring";
  campaignTitle: string;
  campaignSlug: string;
  dedication: { kind: "in_honour" | "in_memory"; name: string } | null;
  disputeStatus: string | null;
  /** Given through a widget on another site: its origin and the widget. */
  embed: EmbedSource | null;
  /** Refunds, dispute and, for a monthly gift, where the monthly gift stands. */
  status: GiftStatusLabel[];
}

export interface RecentGiftsPage {
  gifts: RecentGift[];
  /** Cursor for the next (older) page, if there is one. */
  olderCursor: string | null;
  /** Cursor for the previous (newer) page, if there is one. */
  newerCursor: string | null;
}

export interface PageRequest {
  /** Show gifts older than this cursor… */
  before?: string;
  /** …or newer than this one (going back a page). */
  after?: string;
  limit?: number;
}

/*
 * Keyset pagination on (paid_at, id), newest first: each page is an index range scan however
 * deep it is (OFFSET would read and discard every earlier row). A cursor is the row's paid_at
 * in UTC to the microsecond plus its id, so no two rows compare equal.
 */
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)_([0-9a-f-]{36})$/i;

function parseCursor(cursor: string | undefined): { paidAt: string; id: string } | null {
  const match = cursor ? CURSOR.exec(cursor) : null;
  return match ? { paidAt: match[1]!, id: match[2]! } : null;
}

const cursorColumn = sql<string>`to_char(${donations.paidAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '_' || ${donations.id}`;

export async function listRecentGifts(db: Database, filter: GiftFilter, page: PageRequest = {}): Promise<RecentGiftsPage> {
  const limit = Math.min(Math.max(page.limit ?? 25, 1), 200);
  const before = parseCursor(page.before);
  const after = before ? null : parseCursor(page.after);
  const keyset: SQL | undefined = before
    ? sql`(${donations.paidAt}, ${donations.id}) < (${before.paidAt}::timestamptz, ${before.id}::uuid)`
    : after
      ? sql`(${donations.paidAt}, ${donations.id}) > (${after.paidAt}::timestamptz, ${after.id}::uuid)`
      : undefined;
  const newestFirst = !after;

  const rows = await db
    .select({
      id: donations.id,
      cursor: cursorColumn,
      paidAt: donations.paidAt,
      anonymous: donations.anonymous,
      donorName: donors.name,
      donorEmail: donors.email,
      method: donations.method,
      voidedAt: donations.voidedAt,
      amount: donations.amount,
      refundedAmount: donations.refundedAmount,
      currency: donations.currency,
      kind: donations.kind,
      campaignTitle: campaigns.title,
      campaignSlug: campaigns.slug,
      dedicationKind: donations.dedicationKind,
      dedicationName: donations.dedicationName,
      disputeStatus: donations.disputeStatus,
      embedOrigin: donations.embedOrigin,
      embedKind: donations.embedKind,
      recurringStatus: recurringGifts.status,
      cancelAtPeriodEnd: recurringGifts.cancelAtPeriodEnd,
      cancelAt: recurringGifts.cancelAt,
      currentPeriodEnd: recurringGifts.currentPeriodEnd,
      canceledAt: recurringGifts.canceledAt,
      interval: recurringGifts.interval,
      pausedUntil: recurringGifts.pausedUntil,
    })
    .from(donations)
    .innerJoin(donors, eq(donors.id, donations.donorId))
    .innerJoin(campaigns, eq(campaigns.id, donations.campaignId))
    .leftJoin(recurringGifts, eq(recurringGifts.id, donations.recurringGiftId))
    .where(and(giftFilterConditions(filter), keyset))
    .orderBy(...(newestFirst ? [desc(donations.paidAt), desc(donations.id)] : [asc(donations.paidAt), asc(donations.id)]))
    .limit(limit + 1);

  const hasMore = rows.length > limit;
  const pageRows = rows.slice(0, limit);
  if (!newestFirst) pageRows.reverse();
  const gifts: RecentGift[] = pageRows.map((row) => ({
    id: row.id,
    paidAt: row.paidAt.toISOString(),
    donorName: row.anonymous ? null : row.donorName?.trim() || row.donorEmail,
    donorEmail: row.donorEmail,
    method: row.method,
    amount: row.amount,
    refundedAmount: row.refundedAmount,
    currency: row.currency,
    kind: row.kind,
    campaignTitle: row.campaignTitle,
    campaignSlug: row.campaignSlug,
    dedication: row.dedicationKind && row.dedicationName ? { kind: row.dedicationKind, name: row.dedicationName } : null,
    disputeStatus: row.disputeStatus,
    embed: row.embedOrigin && row.embedKind ? { origin: row.embedOrigin, kind: row.embedKind } : null,
    status: giftStatusLabels({
      ...row,
      recurring:
        row.recurringStatus === null
          ? null
          : {
              status: row.recurringStatus,
              cancelAtPeriodEnd: row.cancelAtPeriodEnd ?? false,
              cancelAt: row.cancelAt,
              currentPeriodEnd: row.currentPeriodEnd,
              canceledAt: row.canceledAt,
              interval: row.interval ?? "month",
              pausedUntil: row.pausedUntil,
            },
    }),
  }));
  const firstCursor = pageRows[0]?.cursor ?? null;
  const lastCursor = pageRows.at(-1)?.cursor ?? null;
  return {
    gifts,
    olderCursor: (newestFirst ? hasMore : true) && pageRows.length > 0 ? lastCursor : null,
    newerCursor: (newestFirst ? !!before : hasMore) && pageRows.length > 0 ? firstCursor : null,
  };
}
