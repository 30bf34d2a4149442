import { randomUUID } from "node:crypto";

/** The PostgreSQL NOTIFY channel that carries expired cache tags between instances. */
export const CACHE_TAG_CHANNEL = "lantern_cache_tags";

// One id per process (on globalThis: Next may load this module more than once), so an instance
// can skip its own messages: it has already expired those tags.
const globalForInstance = globalThis as typeof globalThis & { __lanternInstanceId?: string };
export function instanceId(): string {
  globalForInstance.__lanternInstanceId ??= randomUUID();
  return globalForInstance.__lanternInstanceId;
}

interface CacheTagMessage {
  from: string;
  tags: string[];
}

/** NOTIFY payloads are limited to 8000 bytes; a handful of tags is far below that. */
export function cacheTagMessage(tags: readonly string[]): string {
  return JSON.stringify({ from: instanceId(), tags: [...tags] } satisfies CacheTagMessage);
}

/** The tags another instance expired, or null for our own message or anything malformed. */
export function tagsFromOtherInstance(payload: string | undefined): string[] | null {
  try {
    const message = JSON.parse(payload ?? "") as Partial<CacheTagMessage>;
    if (message.from === instanceId() || !Array.isArray(message.tags)) return null;
    const tags = message.tags.filter((tag): tag is string => typeof tag === "string" && tag.length > 0 && tag.length < 256);
    return tags.length > 0 ? tags : null;
  } catch {
    return null;
  }
}
