import "server-only";
import { and, count, eq, sql } from "drizzle-orm";
import { campaigns, sentEmails, subscribers, updates } from "@/db/schema";
import type { Database, Executor } from "@/db/database";
import type { UpdateAudience } from "./update-form";
// The emails queued here are personalised by this step: any process that queues them can send them.
import "./update-email-personalisation";

/** Readers count as "from this campaign" when their latest sign-up was on its page or its donation form. */
export function campaignSource(slug: string): string {
  return `campaign:${slug}`;
}

async function audienceSource(executor: Executor, campaignId: string | null, audience: UpdateAudience): Promise<string | null | undefined> {
  if (audience === "all") return null;
  if (!campaignId) return undefined;
  const [campaign] = await executor.select({ slug: campaigns.slug }).from(campaigns).where(eq(campaigns.id, campaignId));
  return campaign ? campaignSource(campaign.slug) : undefined;
}

/** How many confirmed subscribers publishing to this audience would email now. */
export async function countAudience(db: Executor, campaignId: string | null, audience: UpdateAudience): Promise<number> {
  const source = await audienceSource(db, campaignId, audience);
  if (source === undefined) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(subscribers)
    .where(and(eq(subscribers.status, "confirmed"), source === null ? undefined : eq(subscribers.source, source)));
  return row?.n ?? 0;
}

export type PublishResult = { ok: true; recipients: number; campaignId: string | null } | { ok: false; error: string };

/**
 * Publishes an update and, in the same transaction, queues one email per confirmed reader in
 * the audience (one INSERT … SELECT, so 100,000 readers cost one statement). Each email's key is
 * `update:<update id>:<subscriber id>`: publishing twice, or two admins at once, queue nothing more.
 * The delivery worker sends them in batches and skips anyone who unsubscribes meanwhile.
 */
export async function publishUpdate(db: Database, updateId: string, audience: UpdateAudience): Promise<PublishResult> {
  return db.transaction(async (tx) => {
    // The row lock makes a second, simultaneous "publish" wait and then see it already published.
    const [update] = await tx.select({ status: updates.status, campaignId: updates.campaignId }).from(updates).where(eq(updates.id, updateId)).for("update");
    if (!update) return { ok: false, error: "This update no longer exists." };
    if (update.status === "published") return { ok: false, error: "This update was already published and emailed; it is never emailed twice." };
    const source = await audienceSource(tx, update.campaignId, audience);
    if (source === undefined) return { ok: false, error: "Organisation news goes to all confirmed subscribers." };

    await tx.execute(sql`
      insert into ${sentEmails} (idempotency_key, template, to_address, props, headers, priority, update_id, subscriber_id)
      select 'update:' || ${updateId}::text || ':' || s.id::text, 'campaign-update', s.email, '{}'::jsonb, '{}'::jsonb, 'bulk', ${updateId}::uuid, s.id
      from ${subscribers} s
      where s.status = 'confirmed' ${source === null ? sql`` : sql`and s.source = ${source}`}
      on conflict (idempotency_key) do nothing`);
    const [queued] = await tx.select({ n: count() }).from(sentEmails).where(eq(sentEmails.updateId, updateId));
    const recipients = queued?.n ?? 0;
    await tx.update(updates).set({ status: "published", audience, publishedAt: new Date(), recipientCount: recipients }).where(eq(updates.id, updateId));
    return { ok: true, recipients, campaignId: update.campaignId };
  });
}
