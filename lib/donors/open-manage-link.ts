import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "@/db/database";
import { donorManageLinks } from "@/db/schema";
import { hashManageLinkToken, isWellFormedManageLinkToken } from "./manage-link-token";

/**
 * Uses an emailed link: in one statement it is marked used, if it was unused and unexpired,
 * so two clicks racing each other open it once. Returns the link's id (the id of the session it
 * starts, lib/donors/manage-session.ts) and the donor it was sent to, or null.
 */
export async function openManageLink(db: Database, token: unknown, now: Date = new Date()): Promise<{ sessionId: string; donorId: string } | null> {
  if (!isWellFormedManageLinkToken(token)) return null;
  const [used] = await db
    .update(donorManageLinks)
    .set({ usedAt: now })
    .where(and(eq(donorManageLinks.tokenHash, hashManageLinkToken(token)), isNull(donorManageLinks.usedAt), gt(donorManageLinks.expiresAt, now)))
    .returning({ sessionId: donorManageLinks.id, donorId: donorManageLinks.donorId });
  return used ?? null;
}
