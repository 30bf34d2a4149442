import { createTagCoalescer } from "./tag-coalescer";

/*
 * Expiring tags in this instance's own cache from anywhere — a request, a timer, a NOTIFY from
 * another instance: revalidateTag() only works inside a request, so this goes to the cache Next
 * serves pages from, the incremental cache Next keeps on globalThis (the same object
 * revalidateTag ends up calling, for pages and unstable_cache data alike). Before this instance
 * has served its first request that cache does not exist yet, and neither does anything it
 * could have kept.
 */
interface IncrementalCacheLike {
  revalidateTag: (tags: string | string[], durations?: { expire?: number }) => Promise<void>;
}
type Expire = (tags: readonly string[]) => Promise<void>;
const globalForCache = globalThis as typeof globalThis & {
  __incrementalCache?: IncrementalCacheLike;
  __lanternTagCoalescers?: Map<string, Expire>;
};

/** How often at most one tag is expired while changes stream in (see tag-coalescer.ts). */
export const TAG_COALESCE_WINDOW_MS = 250;

/** Expires `tags` in this instance's cache now (expire: 0: the next request renders afresh). */
export async function expireTagsHere(tags: readonly string[]): Promise<void> {
  await globalForCache.__incrementalCache?.revalidateTag([...tags], { expire: 0 });
}

/**
 * One coalescer per purpose and process, on globalThis: Next may load this module once per
 * bundle (the webhook route's, instrumentation's), and a window only works if all share it.
 */
export function processTagCoalescer(purpose: string, flush: (tags: string[]) => Promise<void>): Expire {
  globalForCache.__lanternTagCoalescers ??= new Map();
  let expire = globalForCache.__lanternTagCoalescers.get(purpose);
  if (!expire) {
    expire = createTagCoalescer(flush, {
      windowMs: TAG_COALESCE_WINDOW_MS,
      onError: (error, tags) => console.error(`[cache] could not expire ${tags.join(", ")}:`, error),
    });
    globalForCache.__lanternTagCoalescers.set(purpose, expire);
  }
  return expire;
}
