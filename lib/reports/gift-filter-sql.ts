import "server-only";
import { and, eq, gte, isNotNull, isNull, lt, sql, type SQL } from "drizzle-orm";
import { donations } from "@/db/schema";
import { rangeBounds, type GiftFilter } from "./report-filters";

/** `text` as a LIKE pattern matching itself anywhere: its own %, _ and \ are matched literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * The WHERE conditions of a gift filter (campaign, kind, UTC date range, donor search). The
 * search text is a bound parameter (never SQL); ILIKE's default escape character is the
 * backslash. The matching donors are found first, once (an array subquery), and their gifts
 * read through donations_donor_idx: filtering the joined donor row instead made PostgreSQL walk
 * every gift newest first looking for a rare donor's few (bench/dashboard.ts).
 */
export function giftFilterConditions(filter: GiftFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.campaignId) conditions.push(eq(donations.campaignId, filter.campaignId));
  if (filter.kind) conditions.push(eq(donations.kind, filter.kind));
  if (filter.via === "site") conditions.push(isNull(donations.embedOrigin));
  else if (filter.via === "embed") conditions.push(isNotNull(donations.embedOrigin));
  else if (filter.via) conditions.push(eq(donations.embedOrigin, filter.via.origin));
  if (filter.range) {
    const { start, end } = rangeBounds(filter.range);
    conditions.push(gte(donations.paidAt, start), lt(donations.paidAt, end));
  }
  if (filter.donorSearch) {
    const pattern = containsPattern(filter.donorSearch);
    conditions.push(
      sql`${donations.donorId} = any(array(select matching.id from donors as matching where matching.email ilike ${pattern} or matching.name ilike ${pattern}))`,
    );
  }
  return conditions.length > 0 ? and(...conditions) : undefined;
}
