import "server-only";
import { sql } from "drizzle-orm";
import { getDb, getOpenedDatabasePool } from "@/db/client";
import { emailPriority } from "@/db/schema";
import { describeError } from "@/lib/errors/describe-error";
import { logger } from "./logger";
import { metrics } from "./metrics";

const log = logger("metrics");

/**
 * The gauges read at scrape time: the email outbox (one grouped query over the rows waiting,
 * pending or being sent, which the status index finds without reading the sent log) and this
 * instance's PostgreSQL pool. A database that does not answer leaves the outbox figures as they
 * were and sets lantern_metrics_database_up to 0, so the scrape itself still succeeds.
 */
export async function refreshDatabaseGauges(): Promise<void> {
  const m = metrics();
  try {
    const db = await getDb();
    const result = (await db.execute(sql`
      select priority::text as priority, count(*)::int as waiting,
             coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as oldest_seconds
      from sent_emails
      where status in ('pending', 'sending')
      group by priority`)) as unknown as { rows: { priority: string; waiting: number; oldest_seconds: number }[] };
    for (const priority of emailPriority.enumValues) {
      const row = result.rows.find((candidate) => candidate.priority === priority);
      m.outboxWaiting.set({ priority }, row ? Number(row.waiting) : 0);
      m.outboxOldestWaiting.set({ priority }, row ? Math.max(0, Number(row.oldest_seconds)) : 0);
    }
    m.databaseUp.set(1);
  } catch (error) {
    log.warn(`outbox figures unavailable: ${describeError(error)}`);
    m.databaseUp.set(0);
  }
  const pool = await getOpenedDatabasePool();
  if (pool) {
    m.poolConnections.set({ state: "total" }, pool.totalCount);
    m.poolConnections.set({ state: "idle" }, pool.idleCount);
    m.poolConnections.set({ state: "waiting" }, pool.waitingCount);
    m.poolConnections.set({ state: "max" }, pool.options.max ?? 10);
  }
}
