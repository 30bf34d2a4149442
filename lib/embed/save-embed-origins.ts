import "server-only";
import { eq } from "drizzle-orm";
import type { Database, Executor } from "@/db/database";
import { campaigns } from "@/db/schema";
import { expireCacheTags } from "@/lib/cache/shared-cache-tags";
import { parseAllowedOriginList } from "./allowed-origins";
import { EMBED_ORIGINS_TAG } from "./embed-origins-tag";
import { replaceEmbedOrigins } from "./embed-origins";
import { forgetFrameAncestors } from "./frame-ancestors-memo";

/**
 * Saves one list of allowed origins (the installation's, or a campaign's) as typed in the admin,
 * one per line. A bad entry refuses the whole list and writes nothing. The embed routes' headers
 * follow at once here and, through the shared tag, on every other instance.
 */
export async function saveEmbedOrigins(
  db: Database,
  campaignId: string | null,
  typed: string,
  audit?: (tx: Executor, change: { before: string[]; after: string[] }) => Promise<void>,
): Promise<{ ok: true; origins: string[] } | { ok: false; message: string }> {
  const parsed = parseAllowedOriginList(typed);
  if (!parsed.ok) return parsed;
  if (campaignId) {
    const [campaign] = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, campaignId));
    if (!campaign) return { ok: false, message: "This campaign no longer exists." };
  }
  await replaceEmbedOrigins(db, campaignId, parsed.origins, audit);
  forgetFrameAncestors();
  await expireCacheTags([EMBED_ORIGINS_TAG]);
  return { ok: true, origins: parsed.origins };
}
