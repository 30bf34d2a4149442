import { listenToChannel } from "@/db/listen";
import { CACHE_TAG_CHANNEL, tagsFromOtherInstance } from "./cache-tag-messages";
import { expireTagsHere, processTagCoalescer } from "./expire-here";

/*
 * Keeps this instance's page cache in step with the others on one PostgreSQL database: when
 * another instance expires cache tags (lib/cache/shared-cache-tags.ts) it NOTIFYs them, and this
 * listener expires the same tags here (lib/cache/expire-here.ts), at most once per tag per
 * coalescing window: gifts landing on several instances at once re-render a page here a few
 * times a second, not once per gift.
 */
const globalForCache = globalThis as typeof globalThis & { __lanternCacheTagListener?: boolean };

function expireFromOtherInstance(tags: string[]): void {
  processTagCoalescer("from-other-instances", expireTagsHere)(tags).catch((error: unknown) =>
    console.error("[cache] could not expire tags from another instance:", error),
  );
}

/** Starts the listener once per process (PostgreSQL only; PGlite runs in one process). */
export function startCacheTagListener(connectionString: string): void {
  if (globalForCache.__lanternCacheTagListener) return;
  globalForCache.__lanternCacheTagListener = true;
  listenToChannel(
    connectionString,
    CACHE_TAG_CHANNEL,
    (payload) => {
      const tags = tagsFromOtherInstance(payload);
      if (tags) expireFromOtherInstance(tags);
    },
    () => console.warn("[cache] reconnected to PostgreSQL; changes made meanwhile on other instances show after the pages' revalidate time"),
  );
}
