import "server-only";
import { and, asc, eq, gt, lt, lte, sql } from "drizzle-orm";
import { campaignMatches } from "@/db/schema";
import type { Executor } from "@/db/database";

/**
 * A sponsor's matching offer, drawn on by gifts (migration 0014, db/schema.ts campaignMatches).
 * A gift takes its match in its own transaction (recordGift) and gives it back, in part or whole,
 * in the transaction of the refund or lost dispute that takes the money back (adjustGifts).
 * The match row is locked for the draw, so concurrent gifts take turns on the room that is left
 * and the sum never passes the cap (the table's check constraint says so too).
 */

/** The part of a gift a match can double: what the donor gave and kept, without the card-fee cover. */
export function matchableAmount(gift: { amount: number; feeCoveredAmount: number; refundedAmount: number; disputeStatus: string | null }): number {
  const lost = gift.disputeStatus === "lost" ? gift.amount - gift.refundedAmount : 0;
  return Math.max(0, gift.amount - gift.refundedAmount - lost - gift.feeCoveredAmount);
}

export interface MatchDraw {
  matchId: string;
  matchedAmount: number;
}

/**
 * Draws `ratio` × `giftAmount` from the campaign's match running at `paidAt` in the gift's
 * currency, as much as its cap still allows. Null when no match runs or none has room left.
 */
export async function drawMatch(tx: Executor, gift: { campaignId: string; currency: string; paidAt: Date; giftAmount: number }): Promise<MatchDraw | null> {
  if (gift.giftAmount <= 0) return null;
  // FOR UPDATE: a second gift waits here until the first commits, then re-reads used_amount.
  const [match] = await tx
    .select({ id: campaignMatches.id, ratio: campaignMatches.ratio, capAmount: campaignMatches.capAmount, usedAmount: campaignMatches.usedAmount })
    .from(campaignMatches)
    .where(
      and(
        eq(campaignMatches.campaignId, gift.campaignId),
        eq(campaignMatches.currency, gift.currency),
        lte(campaignMatches.startsAt, gift.paidAt),
        gt(campaignMatches.endsAt, gift.paidAt),
        lt(campaignMatches.usedAmount, campaignMatches.capAmount),
      ),
    )
    .orderBy(asc(campaignMatches.startsAt), asc(campaignMatches.id))
    .limit(1)
    .for("update");
  if (!match) return null;
  const matchedAmount = Math.min(match.ratio * gift.giftAmount, match.capAmount - match.usedAmount);
  if (matchedAmount <= 0) return null;
  await tx
    .update(campaignMatches)
    .set({ usedAmount: sql`${campaignMatches.usedAmount} + ${matchedAmount}` })
    .where(eq(campaignMatches.id, match.id));
  return { matchId: match.id, matchedAmount };
}

/**
 * After a refund or dispute changed a gift: how much of its match it still holds (never more
 * than before, never more than `ratio` × what it still keeps), giving the rest back to the match.
 * A dispute won after being lost does not take the match back: the room may be someone else's by then.
 */
export async function settleMatch(
  tx: Executor,
  gift: { matchId: string | null; matchedAmount: number },
  keeps: { amount: number; feeCoveredAmount: number; refundedAmount: number; disputeStatus: string | null },
): Promise<number> {
  if (!gift.matchId || gift.matchedAmount === 0) return gift.matchedAmount;
  const [match] = await tx.select({ ratio: campaignMatches.ratio }).from(campaignMatches).where(eq(campaignMatches.id, gift.matchId)).for("update");
  if (!match) return gift.matchedAmount;
  const holds = Math.min(gift.matchedAmount, match.ratio * matchableAmount(keeps));
  const released = gift.matchedAmount - holds;
  if (released > 0) {
    await tx
      .update(campaignMatches)
      .set({ usedAmount: sql`${campaignMatches.usedAmount} - ${released}` })
      .where(eq(campaignMatches.id, gift.matchId));
  }
  return holds;
}
