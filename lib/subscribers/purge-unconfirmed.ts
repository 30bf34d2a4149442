import "server-only";
import { and, eq, lt } from "drizzle-orm";
import { subscribers } from "@/db/schema";
import type { Database } from "@/db/database";
import { UNCONFIRMED_RETENTION_DAYS } from "./subscription-settings";

/**
 * Deletes sign-ups that were never confirmed within the retention period (their confirmation
 * links go with them). Cheap enough to run after every sign-up, so no scheduler is needed.
 */
export async function purgeUnconfirmedSubscribers(db: Database, now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - UNCONFIRMED_RETENTION_DAYS * 24 * 3_600_000);
  const deleted = await db
    .delete(subscribers)
    .where(and(eq(subscribers.status, "pending"), lt(subscribers.consentedAt, cutoff)))
    .returning({ id: subscribers.id });
  return deleted.length;
}
