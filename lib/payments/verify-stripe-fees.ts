import "server-only";
import { isNotNull } from "drizzle-orm";
import type Stripe from "stripe";
import { donations, giftRefunds, paymentDisputes } from "@/db/schema";
import type { Database } from "@/db/database";
import type { LedgerDifference } from "@/lib/ledger/verify-ledger";
import { disputeFee, feeIn, REFUND_FEE_EXPANSIONS, refundFee } from "./webhooks/balance-fees";

/**
 * The fee half of `npm run ledger:verify`: every fee Lantern recorded, read again from Stripe's
 * balance transactions (a gift's payment, each refund, each dispute). verifyLedger
 * (lib/ledger/verify-ledger.ts) already checks that each gift's fee_amount is the sum of these
 * rows and the ledger the sum of the gifts; this checks the rows against Stripe itself, so a fee
 * changed in the database (or recorded wrong) shows. One Stripe read per payment, refund and
 * dispute: a command for an operator, not a page.
 */
export async function verifyFeesAgainstStripe(db: Database, stripe: Stripe): Promise<LedgerDifference[]> {
  const differences: LedgerDifference[] = [];
  const gifts = await db
    .select({ id: donations.id, currency: donations.currency, fee: donations.processingFeeAmount, transaction: donations.stripeBalanceTransactionId })
    .from(donations)
    .where(isNotNull(donations.stripeBalanceTransactionId));
  for (const gift of gifts) {
    const transaction = await stripe.balanceTransactions.retrieve(gift.transaction!);
    const atStripe = feeIn(transaction, gift.currency);
    if (atStripe !== gift.fee) {
      differences.push({
        table: "donations (processing_fee_amount vs Stripe)",
        key: `${gift.id} ${transaction.id}`,
        figure: "fee",
        ledger: gift.fee ?? 0,
        gifts: atStripe,
      });
    }
  }
  const refunds = await db
    .select({ id: giftRefunds.stripeRefundId, currency: giftRefunds.currency, fee: giftRefunds.feeAmount })
    .from(giftRefunds)
    .where(isNotNull(giftRefunds.stripeRefundId));
  for (const row of refunds) {
    const refund = await stripe.refunds.retrieve(row.id!, { expand: [...REFUND_FEE_EXPANSIONS] });
    const atStripe = refundFee(refund, row.currency);
    if (atStripe !== row.fee) differences.push({ table: "gift_refunds (fee_amount vs Stripe)", key: row.id!, figure: "fee", ledger: row.fee, gifts: atStripe });
  }
  const disputes = await db
    .select({ id: paymentDisputes.stripeDisputeId, currency: paymentDisputes.currency, fee: paymentDisputes.feeAmount })
    .from(paymentDisputes);
  for (const row of disputes) {
    const atStripe = disputeFee(await stripe.disputes.retrieve(row.id), row.currency);
    if (atStripe !== row.fee)
      differences.push({ table: "payment_disputes (fee_amount vs Stripe)", key: row.id, figure: "fee", ledger: row.fee, gifts: atStripe });
  }
  return differences;
}
