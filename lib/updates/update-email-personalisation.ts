import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { subscribers, type SentEmail } from "@/db/schema";
import type { Database } from "@/db/database";
import { registerEmailPersonalisation, type EmailLinkSettings } from "@/lib/email/outbox/personalisation";
import { personaliseUpdateEmail, renderUpdateEmailShell, type UpdateEmailShell } from "./update-email";

/*
 * How the outbox sends an update's emails (lib/email/outbox/personalisation.ts): a reader who
 * is no longer confirmed is left out, and each of the others gets the update rendered once per
 * process with their own greeting and unsubscribe link. Registered when this module loads:
 * publish-update.ts (which queues them), lib/server-startup.ts (the app's worker) and
 * scripts/delivery-worker.ts (the worker on its own) import it.
 */

export const UPDATE_EMAIL_TEMPLATE = "campaign-update";
const UNSUBSCRIBED = "not sent: the reader unsubscribed after it was queued";

registerEmailPersonalisation(UPDATE_EMAIL_TEMPLATE, {
  async prepare(db, rows, links) {
    const subscriberIds = [...new Set(rows.flatMap((row) => (row.subscriberId ? [row.subscriberId] : [])))];
    const firstNames = new Map<string, string | null>();
    if (subscriberIds.length > 0) {
      const confirmed = await db
        .select({ id: subscribers.id, firstName: subscribers.firstName })
        .from(subscribers)
        .where(and(inArray(subscribers.id, subscriberIds), eq(subscribers.status, "confirmed")));
      for (const reader of confirmed) firstNames.set(reader.id, reader.firstName);
    }
    const skipped = new Map(rows.filter((row) => row.subscriberId && !firstNames.has(row.subscriberId)).map((row) => [row.id, UNSUBSCRIBED]));
    return {
      skipped,
      render: async (row: SentEmail) => {
        if (!row.updateId || !row.subscriberId) throw new Error("an update email without its update or its reader");
        const shell = await cachedShell(db, row.updateId, links);
        if (!shell) throw new Error("the update this email carries was deleted");
        return personaliseUpdateEmail(shell, { subscriberId: row.subscriberId, firstName: firstNames.get(row.subscriberId) ?? null }, links);
      },
    };
  },
});

const shellCache = new Map<string, Promise<UpdateEmailShell | null>>();

/** One render per update per process for a short while (it may be corrected on the site). */
function cachedShell(db: Database, updateId: string, links: EmailLinkSettings): Promise<UpdateEmailShell | null> {
  const key = `${updateId}:${links.appUrl}:${links.linkSecret}`;
  let shell = shellCache.get(key);
  if (!shell) {
    shell = renderUpdateEmailShell(db, updateId, links);
    shellCache.set(key, shell);
    shell.catch(() => shellCache.delete(key));
    setTimeout(() => shellCache.delete(key), 60_000).unref();
  }
  return shell;
}
