import "server-only";
import { count, eq } from "drizzle-orm";
import type { Database } from "@/db/database";
import { donations, donors } from "@/db/schema";

/** What the owner's erase page shows of the donor before erasing; null when there is no such donor. */
export async function erasureSummary(
  db: Database,
  donorId: string,
): Promise<{ email: string | null; name: string | null; erasedAt: Date | null; giftCount: number } | null> {
  const [donor] = await db.select({ email: donors.email, name: donors.name, erasedAt: donors.erasedAt }).from(donors).where(eq(donors.id, donorId));
  if (!donor) return null;
  const [gifts] = await db.select({ n: count() }).from(donations).where(eq(donations.donorId, donorId));
  return { ...donor, giftCount: gifts?.n ?? 0 };
}
