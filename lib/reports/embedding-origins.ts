import "server-only";
import { asc, isNotNull } from "drizzle-orm";
import type { Database } from "@/db/database";
import { donations } from "@/db/schema";

/** Every site gifts were given through (the gift list's "Given through" choices), from donations_embed_origin_idx. */
export async function listEmbeddingOrigins(db: Database): Promise<string[]> {
  const rows = await db
    .selectDistinct({ origin: donations.embedOrigin })
    .from(donations)
    .where(isNotNull(donations.embedOrigin))
    .orderBy(asc(donations.embedOrigin))
    .limit(200);
  return rows.flatMap((row) => (row.origin ? [row.origin] : []));
}
