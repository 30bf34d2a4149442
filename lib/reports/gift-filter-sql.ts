import "server-only";
import { and, eq, gte, lt, type SQL } from "drizzle-orm";
import { donations } from "@/db/schema";
import { rangeBounds, type GiftFilter } from "./report-filters";

/** The WHERE conditions of a gift filter (campaign, kind, UTC date range). */
export function giftFilterConditions(filter: GiftFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.campaignId) conditions.push(eq(donations.campaignId, filter.campaignId));
  if (filter.kind) conditions.push(eq(donations.kind, filter.kind));
  if (filter.range) {
    const { start, end } = rangeBounds(filter.range);
    conditions.push(gte(donations.paidAt, start), lt(donations.paidAt, end));
  }
  return conditions.length > 0 ? and(...conditions) : undefined;
}
