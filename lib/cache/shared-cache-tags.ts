import "server-only";
import { sql } from "drizzle-orm";
import { revalidateTag } from "next/cache";
import { getDatabaseDriver, getDb } from "@/db/client";
import type { Database } from "@/db/database";
import { CACHE_TAG_CHANNEL, cacheTagMessage } from "./cache-tag-messages";

/**
 * Expires cache tags on this instance (through Next) and, on PostgreSQL, on every other instance
 * too: one NOTIFY on CACHE_TAG_CHANNEL, which each instance's listener
 * (lib/cache/cache-tag-listener.ts) turns into the same expiry in its own cache. Call it after
 * the change has committed, from a route handler or server action. A failed NOTIFY is logged,
 * not thrown: the change is already saved, and the other instances' backstop is the pages'
 * revalidate time.
 */
export async function expireCacheTags(tags: readonly string[]): Promise<void> {
  // expire: 0, not 'max': a donor must see their gift on the next request, not the one after.
  for (const tag of tags) revalidateTag(tag, { expire: 0 });
  try {
    if ((await getDatabaseDriver()) !== "postgres") return; // PGlite: one process, nothing to tell
    await notifyCacheTags(await getDb(), tags);
  } catch (error) {
    console.error(`[cache] could not tell other instances to expire ${tags.join(", ")}:`, error);
  }
}

/**
 * Tells every running instance (each LISTENs on PostgreSQL) to expire `tags`: for processes
 * outside Next, such as `npm run reconcile`, which have no page cache of their own.
 */
export async function notifyCacheTags(db: Database, tags: readonly string[]): Promise<void> {
  await db.execute(sql`select pg_notify(${CACHE_TAG_CHANNEL}, ${cacheTagMessage(tags)})`);
}
