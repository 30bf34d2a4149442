import "server-only";
import { isNotNull } from "drizzle-orm";
import type Stripe from "stripe";
import { donations, giftRefunds, paymentDisputes } from "@/db/schema";
import type { Database } from "@/db/database";
import type { Settlement } from "@/lib/donations/gift-fees";
import type { LedgerDifference } from "@/lib/ledger/verify-ledger";
import { disputeFee, disputeSettlement, feeIn, REFUND_FEE_EXPANSIONS, refundFee, refundSettlement, settlementOf } from "./webhooks/balance-fees";

interface StoredSettlement {
  settlementCurrency: string | null;
  settlementAmount: number | null;
  settlementFeeAmount: number | null;
}

/** A stored settlement against Stripe's: nothing when none was stored (a row from before settlements, see `npm run reconcile -- --fees`). */
function settlementDifferences(table: string, key: string, stored: StoredSettlement, atStripe: Settlement | null): LedgerDifference[] {
  if (stored.settlementCurrency === null) return [];
  const differences: LedgerDifference[] = [];
  if (atStripe === null || atStripe.currency !== stored.settlementCurrency) {
    // A currency cannot be a figure: -1 marks it, with the key naming both.
    differences.push({
      table,
      key: `${key} settled in ${stored.settlementCurrency}, Stripe: ${atStripe?.currency ?? "nothing"}`,
      figure: "settlement currency",
      ledger: 0,
      gifts: -1,
    });
    return differences;
  }
  if (stored.settlementAmount !== atStripe.amount)
    differences.push({ table, key, figure: "settled amount", ledger: stored.settlementAmount ?? 0, gifts: atStripe.amount });
  if (stored.settlementFeeAmount !== atStripe.fee)
    differences.push({ table, key, figure: "settled fee", ledger: stored.settlementFeeAmount ?? 0, gifts: atStripe.fee });
  return differences;
}

/**
 * The fee half of `npm run ledger:verify`: every fee Lantern recorded, read again from Stripe's
 * balance transactions (a gift's payment, each refund, each dispute), both in the gift's
 * currency and as Stripe settled it (settlement currency, amount, fee). verifyLedger
 * (lib/ledger/verify-ledger.ts) already checks that each gift's fee_amount is the sum of these
 * rows and the ledger the sum of the gifts; this checks the rows against Stripe itself, so a fee
 * changed in the database (or recorded wrong) shows. One Stripe read per payment, refund and
 * dispute: a command for an operator, not a page.
 */
export async function verifyFeesAgainstStripe(db: Database, stripe: Stripe): Promise<LedgerDifference[]> {
  const differences: LedgerDifference[] = [];
  const gifts = await db
    .select({
      id: donations.id,
      currency: donations.currency,
      fee: donations.processingFeeAmount,
      transaction: donations.stripeBalanceTransactionId,
      settlementCurrency: donations.settlementCurrency,
      settlementAmount: donations.settlementAmount,
      settlementFeeAmount: donations.settlementFeeAmount,
    })
    .from(donations)
    .where(isNotNull(donations.stripeBalanceTransactionId));
  for (const gift of gifts) {
    const transaction = await stripe.balanceTransactions.retrieve(gift.transaction!);
    const atStripe = feeIn(transaction, gift.currency);
    const key = `${gift.id} ${transaction.id}`;
    if (atStripe !== gift.fee) {
      differences.push({ table: "donations (processing_fee_amount vs Stripe)", key, figure: "fee", ledger: gift.fee ?? 0, gifts: atStripe });
    }
    differences.push(...settlementDifferences("donations (settlement vs Stripe)", key, gift, settlementOf([transaction])));
  }
  const refunds = await db
    .select({
      id: giftRefunds.stripeRefundId,
      currency: giftRefunds.currency,
      fee: giftRefunds.feeAmount,
      settlementCurrency: giftRefunds.settlementCurrency,
      settlementAmount: giftRefunds.settlementAmount,
      settlementFeeAmount: giftRefunds.settlementFeeAmount,
    })
    .from(giftRefunds)
    .where(isNotNull(giftRefunds.stripeRefundId));
  for (const row of refunds) {
    const refund = await stripe.refunds.retrieve(row.id!, { expand: [...REFUND_FEE_EXPANSIONS] });
    const atStripe = refundFee(refund, row.currency);
    if (atStripe !== row.fee) differences.push({ table: "gift_refunds (fee_amount vs Stripe)", key: row.id!, figure: "fee", ledger: row.fee, gifts: atStripe });
    differences.push(...settlementDifferences("gift_refunds (settlement vs Stripe)", row.id!, row, refundSettlement(refund)));
  }
  const disputes = await db
    .select({
      id: paymentDisputes.stripeDisputeId,
      currency: paymentDisputes.currency,
      fee: paymentDisputes.feeAmount,
      settlementCurrency: paymentDisputes.settlementCurrency,
      settlementAmount: paymentDisputes.settlementAmount,
      settlementFeeAmount: paymentDisputes.settlementFeeAmount,
    })
    .from(paymentDisputes);
  for (const row of disputes) {
    const dispute = await stripe.disputes.retrieve(row.id);
    const atStripe = disputeFee(dispute, row.currency);
    if (atStripe !== row.fee)
      differences.push({ table: "payment_disputes (fee_amount vs Stripe)", key: row.id, figure: "fee", ledger: row.fee, gifts: atStripe });
    differences.push(...settlementDifferences("payment_disputes (settlement vs Stripe)", row.id, row, disputeSettlement(dispute)));
  }
  return differences;
}
