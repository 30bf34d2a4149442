import { listenToChannel, type ChannelListener } from "@/db/listen";
import { CACHE_TAG_CHANNEL, tagsFromOtherInstance } from "./cache-tag-messages";
import { EMBED_ORIGINS_TAG } from "@/lib/embed/embed-origins-tag";
import { forgetFrameAncestors } from "@/lib/embed/frame-ancestors-memo";
import { EVERY_PAGE_TAG } from "./every-page-tag";
import { logger } from "@/lib/observability/logger";
import { metrics } from "@/lib/observability/metrics";

const log = logger("cache");

/*
 * Keeps this instance's page cache in step with the others on one PostgreSQL database: when
 * another instance expires cache tags (lib/cache/shared-cache-tags.ts) it NOTIFYs them, and this
 * listener expires the same tags here. revalidateTag() only works inside a request, so the
 * listener goes to the cache Next serves pages from: the incremental cache Next keeps on
 * globalThis (the same object revalidateTag ends up calling). Before this instance has served
 * its first request that cache does not exist yet; what an earlier run kept in the build folder is
 * expired when it is made (lib/cache/page-cache-handler.js).
 *
 * A lost connection loses the messages sent meanwhile, so on reconnect every page is expired
 * (one tag they all carry): the instance never serves a page older than its last moment in step.
 */
interface IncrementalCacheLike {
  revalidateTag: (tags: string | string[], durations?: { expire?: number }) => Promise<void>;
}
const globalForCache = globalThis as typeof globalThis & {
  __incrementalCache?: IncrementalCacheLike;
  __lanternCacheTagListener?: ChannelListener;
};

function expireHere(tags: string[]): void {
  // Not a page: what proxy.ts keeps of the allowed embed origins.
  if (tags.includes(EMBED_ORIGINS_TAG) || tags.includes(EVERY_PAGE_TAG)) forgetFrameAncestors();
  const cache = globalForCache.__incrementalCache;
  if (!cache) return;
  cache.revalidateTag(tags, { expire: 0 }).catch((error: unknown) => log.error({ err: error, tags }, "could not expire tags from another instance"));
}

/**
 * The listener's application_name in pg_stat_activity: PGAPPNAME (node-postgres reads it for
 * every other connection too), so an operator can tell the instances' connections apart.
 */
export function listenerApplicationName(): string {
  return `${process.env.PGAPPNAME || "lantern"} cache-tag listener`.slice(0, 63);
}

/** Starts the listener once per process (PostgreSQL only; PGlite runs in one process). */
export function startCacheTagListener(connectionString: string): void {
  if (globalForCache.__lanternCacheTagListener) return;
  globalForCache.__lanternCacheTagListener = listenToChannel(
    connectionString,
    CACHE_TAG_CHANNEL,
    (payload) => {
      const tags = tagsFromOtherInstance(payload);
      if (!tags) return; // this instance's own message, or not one of ours
      metrics().cacheTagNotifiesReceived.inc();
      expireHere(tags);
    },
    () => {
      metrics().cacheTagListenerReconnects.inc();
      log.warn("reconnected to PostgreSQL; expiring every page, as changes made meanwhile on other instances were missed");
      expireHere([EVERY_PAGE_TAG]);
    },
    { applicationName: listenerApplicationName(), logError: (message) => log.error(message) },
  );
}

/**
 * For /api/ready: `listening`, `reconnecting` (pages could fall out of step with other
 * instances), or `none` when this process runs no listener (PGlite, or not started yet).
 */
export function cacheTagListenerState(): "listening" | "reconnecting" | "none" {
  const listener = globalForCache.__lanternCacheTagListener;
  if (!listener) return "none";
  return listener.isListening() ? "listening" : "reconnecting";
}
