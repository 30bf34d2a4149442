import "server-only";
import { and, eq, isNull, ne } from "drizzle-orm";
import { subscriberConfirmations, subscribers } from "@/db/schema";
import type { Database } from "@/db/database";
import { maskEmailAddress } from "./email-address";
import { verifyUnsubscribeToken } from "./tokens";

export interface UnsubscribeTarget {
  /** "a***@example.org": enough for the person to recognise their address. */
  maskedEmail: string;
  alreadyUnsubscribed: boolean;
}

/** What the unsubscribe page shows before the button is pressed; null for a bad link. */
export async function findUnsubscribeTarget(db: Database, token: unknown, secret: string): Promise<UnsubscribeTarget | null> {
  const subscriberId = verifyUnsubscribeToken(token, secret);
  if (!subscriberId) return null;
  const [row] = await db.select({ email: subscribers.email, status: subscribers.status }).from(subscribers).where(eq(subscribers.id, subscriberId));
  if (!row) return null;
  return { maskedEmail: maskEmailAddress(row.email), alreadyUnsubscribed: row.status === "unsubscribed" };
}

export type UnsubscribeOutcome = { kind: "unsubscribed"; subscriberId: string } | { kind: "already-unsubscribed"; subscriberId: string } | { kind: "invalid" };

/**
 * Unsubscribes the address a signed link names (one-click POST or the page's button). Records
 * the time; any confirmation link still outstanding is withdrawn. Doing it twice changes nothing.
 */
export async function unsubscribe(db: Database, token: unknown, secret: string, now: Date = new Date()): Promise<UnsubscribeOutcome> {
  const subscriberId = verifyUnsubscribeToken(token, secret);
  if (!subscriberId) return { kind: "invalid" };
  return db.transaction(async (tx): Promise<UnsubscribeOutcome> => {
    const changed = await tx
      .update(subscribers)
      .set({ status: "unsubscribed", unsubscribedAt: now })
      .where(and(eq(subscribers.id, subscriberId), ne(subscribers.status, "unsubscribed")))
      .returning({ id: subscribers.id });
    if (changed.length === 0) {
      const [existing] = await tx.select({ id: subscribers.id }).from(subscribers).where(eq(subscribers.id, subscriberId));
      return existing ? { kind: "already-unsubscribed", subscriberId } : { kind: "invalid" };
    }
    await tx
      .update(subscriberConfirmations)
      .set({ usedAt: now })
      .where(and(eq(subscriberConfirmations.subscriberId, subscriberId), isNull(subscriberConfirmations.usedAt)));
    return { kind: "unsubscribed", subscriberId };
  });
}
