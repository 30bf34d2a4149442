import "server-only";
import { eq, or, sql } from "drizzle-orm";
import { donations } from "@/db/schema";
import type { Executor } from "@/db/database";

/** Which recorded payment a Stripe charge belongs to: by its PaymentIntent, or the charge itself. */
export interface ChargeRef {
  chargeId: string;
  paymentIntentId: string | null;
}

function matching(ref: ChargeRef) {
  return ref.paymentIntentId
    ? or(eq(donations.stripePaymentIntentId, ref.paymentIntentId), eq(donations.stripeChargeId, ref.chargeId))
    : eq(donations.stripeChargeId, ref.chargeId);
}

/**
 * Sets how much of a gift has been refunded, from the charge's refunded total at Stripe (which
 * only grows, so the larger of the stored and the reported figure wins: redelivered or
 * reordered events change nothing). Returns the campaigns whose figures changed; empty when no
 * recorded gift matches.
 */
export async function recordRefundedTotal(tx: Executor, ref: ChargeRef, amountRefunded: number): Promise<string[]> {
  const rows = await tx
    .update(donations)
    .set({
      refundedAmount: sql`least(${donations.amount}, greatest(${donations.refundedAmount}, ${amountRefunded}))`,
      stripeChargeId: sql`coalesce(${donations.stripeChargeId}, ${ref.chargeId})`,
    })
    .where(matching(ref))
    .returning({ campaignId: donations.campaignId });
  return rows.map((row) => row.campaignId);
}

/** Records a dispute's current status on the gift it disputes; returns how many gifts matched. */
export async function recordDisputeStatus(tx: Executor, ref: ChargeRef, status: string): Promise<number> {
  const rows = await tx
    .update(donations)
    .set({ disputeStatus: status, stripeChargeId: sql`coalesce(${donations.stripeChargeId}, ${ref.chargeId})` })
    .where(matching(ref))
    .returning({ id: donations.id });
  return rows.length;
}
