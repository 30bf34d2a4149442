import "server-only";
import { and, eq, gte, ilike, lt, or, type SQL } from "drizzle-orm";
import { donations, donors } from "@/db/schema";
import { rangeBounds, type GiftFilter } from "./report-filters";

/** `text` as a LIKE pattern matching itself anywhere: its own %, _ and \ are matched literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * The WHERE conditions of a gift filter (campaign, kind, UTC date range, donor search). The
 * donor search reads `donors`, which every query using this joins. The search text is a bound
 * parameter (never SQL); ILIKE's default escape character is the backslash.
 */
export function giftFilterConditions(filter: GiftFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.campaignId) conditions.push(eq(donations.campaignId, filter.campaignId));
  if (filter.kind) conditions.push(eq(donations.kind, filter.kind));
  if (filter.range) {
    const { start, end } = rangeBounds(filter.range);
    conditions.push(gte(donations.paidAt, start), lt(donations.paidAt, end));
  }
  if (filter.donorSearch) {
    const pattern = containsPattern(filter.donorSearch);
    conditions.push(or(ilike(donors.email, pattern), ilike(donors.name, pattern))!);
  }
  return conditions.length > 0 ? and(...conditions) : undefined;
}
