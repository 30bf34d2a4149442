import "server-only";
import { and, eq, or, sql } from "drizzle-orm";
import { giftRefunds, paymentDisputes } from "@/db/schema";
import type { Executor } from "@/db/database";

/** What a gift row knows about its payment, enough to find the fees charged on it. */
export interface FeeBearingGift {
  id: string;
  processingFeeAmount: number | null;
  stripeChargeId: string | null;
  stripePaymentIntentId: string | null;
}

/**
 * Every Stripe fee a gift has cost, from the rows that hold each one: the payment's own
 * (donations.processing_fee_amount), its refunds' (gift_refunds.fee_amount) and its disputes'
 * (payment_disputes.fee_amount, matched by charge or PaymentIntent like the dispute's status, so
 * a dispute stored before its gift counts once the gift arrives). Called by the writers of those
 * rows in the same transaction, which set donations.fee_amount to it and move the ledger.
 */
export async function giftFeeTotal(tx: Executor, gift: FeeBearingGift): Promise<number> {
  const [refunds] = await tx
    .select({ total: sql<string | null>`sum(${giftRefunds.feeAmount})` })
    .from(giftRefunds)
    .where(eq(giftRefunds.donationId, gift.id));
  const matches = [
    gift.stripeChargeId ? eq(paymentDisputes.stripeChargeId, gift.stripeChargeId) : undefined,
    gift.stripePaymentIntentId ? eq(paymentDisputes.stripePaymentIntentId, gift.stripePaymentIntentId) : undefined,
  ].filter((match) => match !== undefined);
  let disputes = 0;
  if (matches.length > 0) {
    const [row] = await tx
      .select({ total: sql<string | null>`sum(${paymentDisputes.feeAmount})` })
      .from(paymentDisputes)
      .where(and(or(...matches)));
    disputes = Number(row?.total ?? 0);
  }
  return (gift.processingFeeAmount ?? 0) + Number(refunds?.total ?? 0) + disputes;
}
