import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { sentEmails, type SentEmail } from "@/db/schema";
import type { Database } from "@/db/database";

/** Puts failed emails back in the queue for one more round of attempts (the admin's "retry"). */
export async function retryFailedEmails(db: Database, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .update(sentEmails)
    .set({ status: "pending", attempts: 0, nextAttemptAt: new Date(), claimedAt: null })
    .where(and(inArray(sentEmails.id, ids), eq(sentEmails.status, "failed")))
    .returning({ id: sentEmails.id });
  return rows.length;
}

/** Emails that ran out of attempts, newest first, with the provider's last answer. */
export async function listFailedEmails(
  db: Database,
  limit = 100,
): Promise<Pick<SentEmail, "id" | "template" | "toAddress" | "attempts" | "lastError" | "createdAt" | "updateId">[]> {
  return db
    .select({
      id: sentEmails.id,
      template: sentEmails.template,
      toAddress: sentEmails.toAddress,
      attempts: sentEmails.attempts,
      lastError: sentEmails.lastError,
      createdAt: sentEmails.createdAt,
      updateId: sentEmails.updateId,
    })
    .from(sentEmails)
    .where(eq(sentEmails.status, "failed"))
    .orderBy(sql`${sentEmails.createdAt} desc`)
    .limit(limit);
}
