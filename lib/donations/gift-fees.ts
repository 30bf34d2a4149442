import "server-only";
import { and, eq, or, sql } from "drizzle-orm";
import { giftRefunds, paymentDisputes } from "@/db/schema";
import type { Executor } from "@/db/database";

/**
 * Money as it reached (or left) the Stripe balance, exactly as Stripe's balance transactions
 * report it: the account's settlement currency (upper case), the amount and Stripe's fee in its
 * minor units (net = amount − fee) and the exchange rate when Stripe converted. Stored beside the
 * gift-currency figures, so a treasurer can match Stripe's payouts to the cent without Lantern
 * adding two currencies together.
 */
export interface Settlement {
  currency: string;
  amount: number;
  fee: number;
  exchangeRate: number | null;
}

/** A settlement as the columns of donations, gift_refunds and payment_disputes hold it. */
export function settlementColumns(settlement: Settlement | null | undefined) {
  return {
    settlementCurrency: settlement?.currency ?? null,
    settlementAmount: settlement?.amount ?? null,
    settlementFeeAmount: settlement?.fee ?? null,
  };
}

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
