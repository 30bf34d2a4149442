import "server-only";
import { asc, sql } from "drizzle-orm";
import { subscribers } from "@/db/schema";
import type { Database } from "@/db/database";

export interface SubscriberCountsBySource {
  source: string;
  pending: number;
  confirmed: number;
  unsubscribed: number;
  total: number;
}

export interface SubscriberCounts {
  total: SubscriberCountsBySource;
  bySource: SubscriberCountsBySource[];
}

/** Subscribers by status, overall and per sign-up source, counted by PostgreSQL in one pass. */
export async function getSubscriberCounts(db: Database): Promise<SubscriberCounts> {
  const rows = await db
    .select({
      source: sql<string | null>`case when grouping(${subscribers.source}) = 1 then null else ${subscribers.source} end`,
      pending: sql<number>`count(*) filter (where ${subscribers.status} = 'pending')`.mapWith(Number),
      confirmed: sql<number>`count(*) filter (where ${subscribers.status} = 'confirmed')`.mapWith(Number),
      unsubscribed: sql<number>`count(*) filter (where ${subscribers.status} = 'unsubscribed')`.mapWith(Number),
      total: sql<number>`count(*)`.mapWith(Number),
    })
    .from(subscribers)
    .groupBy(sql`rollup (${subscribers.source})`)
    .orderBy(asc(subscribers.source));
  const zero: SubscriberCountsBySource = { source: "all", pending: 0, confirmed: 0, unsubscribed: 0, total: 0 };
  const total = rows.find((row) => row.source === null);
  const bySource = rows
    .filter((row): row is typeof row & { source: string } => row.source !== null)
    .sort((a, b) => b.total - a.total || a.source.localeCompare(b.source));
  return { total: total ? { ...total, source: "all" } : zero, bySource };
}
