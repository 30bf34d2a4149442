import "server-only";
import { sql } from "drizzle-orm";
import { revalidateTag } from "next/cache";
import { getDatabaseDriver, getDb } from "@/db/client";
import type { Database } from "@/db/database";
import { CACHE_TAG_CHANNEL, cacheTagMessage } from "./cache-tag-messages";
import { logger } from "@/lib/observability/logger";
import { metrics } from "@/lib/observability/metrics";

const log = logger("cache");

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
    await notifyTogether(await getDb(), tags);
  } catch (error) {
    metrics().cacheTagNotifiesFailed.inc();
    log.error({ err: error, tags }, "could not tell other instances to expire these tags");
  }
}

/**
 * Tells every running instance (each LISTENs on PostgreSQL) to expire `tags`: for processes
 * outside Next, such as `npm run reconcile`, which have no page cache of their own.
 */
export async function notifyCacheTags(db: Database, tags: readonly string[]): Promise<void> {
  await db.execute(sql`select pg_notify(${CACHE_TAG_CHANNEL}, ${cacheTagMessage(tags)})`);
  metrics().cacheTagNotifiesSent.inc();
}

/** Room for tags in one NOTIFY payload (8000 bytes), with some to spare for the JSON around them. */
const NOTIFY_TAG_BYTES = 6000;

interface NotifyBatch {
  db: Database;
  tags: Set<string>;
  bytes: number;
  sent: Promise<void>;
}

let sending: Promise<void> = Promise.resolve();
let waiting: NotifyBatch | null = null;

/**
 * notifyCacheTags, but tags asked for while a NOTIFY is on its way go out together in the next
 * one (a webhook burst expires the same few campaigns' tags over and over, and each gift, refund
 * or subscription change sent a statement of its own). A caller's promise settles once a NOTIFY
 * carrying its tags has been sent, never before; nothing waits on a timer.
 */
export function notifyTogether(db: Database, tags: readonly string[]): Promise<void> {
  const bytes = tags.reduce((sum, tag) => sum + Buffer.byteLength(tag) + 3, 0);
  if (!waiting || waiting.db !== db || waiting.bytes + bytes > NOTIFY_TAG_BYTES) {
    const batch: NotifyBatch = { db, tags: new Set(), bytes: 0, sent: Promise.resolve() };
    batch.sent = sending.then(() => {
      if (waiting === batch) waiting = null; // closed: later tags wait for the next NOTIFY
      return notifyCacheTags(db, [...batch.tags]);
    });
    sending = batch.sent.catch(() => undefined);
    waiting = batch;
  }
  for (const tag of tags) waiting.tags.add(tag);
  waiting.bytes += bytes;
  return waiting.sent;
}
