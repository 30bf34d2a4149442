import "server-only";
import { getDb } from "@/db/client";
import { allowedOriginsForSlug } from "./embed-origins";
import { keptFrameAncestors } from "./frame-ancestors-memo";

/**
 * The origins allowed to frame one campaign's embed pages, for proxy.ts, which asks on every
 * request to an embed route. Kept in memory per address for a few seconds: an admin's change
 * clears it at once on this instance (saveEmbedOrigins), on the others through the shared cache
 * tag (lib/cache/cache-tag-listener.ts); the time limit is the backstop.
 */
const KEEP_MS = 30_000;
const KEPT_MAX = 1000;

export async function frameAncestorsForSlug(slug: string, now = Date.now()): Promise<string[]> {
  const kept = keptFrameAncestors();
  const entry = kept.get(slug);
  if (entry && entry.until > now) return entry.origins;
  const origins = await allowedOriginsForSlug(await getDb(), slug);
  if (kept.size >= KEPT_MAX) kept.clear();
  kept.set(slug, { origins, until: now + KEEP_MS });
  return origins;
}
