import "server-only";
import { and, eq, inArray, isNotNull, isNull, or } from "drizzle-orm";
import { STRIPE_GIFT_METHODS } from "@/lib/donations/gift-methods";
import type Stripe from "stripe";
import { donations, giftRefunds, paymentDisputes } from "@/db/schema";
import type { Database } from "@/db/database";
import { settlementColumns } from "@/lib/donations/gift-fees";
import { adjustGifts, type ChargeRef } from "@/lib/donations/payment-adjustments";
import { lockPayment } from "@/lib/donations/payment-disputes";
import { describeError } from "@/lib/errors/describe-error";
import { chargeFee, disputeFee, disputeSettlement, REFUND_FEE_EXPANSIONS, refundFee, refundSettlement } from "./webhooks/balance-fees";

export interface FeeBackfillReport {
  /** Gifts whose payment fee (or settlement) was read from Stripe and recorded now. */
  payments: number;
  /** Gifts whose payment has no balance transaction at Stripe yet (a debit still processing): left unknown. */
  notSettled: number;
  refunds: number;
  disputes: number;
  failed: { id: string; error: string }[];
  campaignIds: string[];
}

/** Keeps every figure of the gifts of a charge in step with the rows just written (fee total, ledger): their refunds and disputes are unchanged. */
async function refreshGiftFees(tx: Parameters<Parameters<Database["transaction"]>[0]>[0], ref: ChargeRef): Promise<string[]> {
  const gifts = await adjustGifts(tx, ref, (gift) => ({ refundedAmount: gift.refundedAmount, disputeStatus: gift.disputeStatus }));
  return gifts.map((gift) => gift.campaignId);
}

/**
 * `npm run reconcile -- --fees`: the fees Lantern never read. Gifts recorded before fees were
 * (migration 0017), or before Stripe made the payment's balance transaction, have no payment fee
 * (shown as unknown, never 0); gifts, refunds and disputes recorded before settlements were
 * (migration 0019) have no settlement. For each, reads the charge, refund or dispute with its
 * balance transactions from Stripe and records fee and settlement in one transaction per payment,
 * keeping the gift's fee total and the ledger in step (adjustGifts). Idempotent: it only touches
 * rows still missing something, and writes what Stripe reports, so a second run finds nothing.
 */
export async function backfillStripeFees(db: Database, stripe: Stripe): Promise<FeeBackfillReport> {
  const report: FeeBackfillReport = { payments: 0, notSettled: 0, refunds: 0, disputes: 0, failed: [], campaignIds: [] };
  const campaigns = new Set<string>();

  const gifts = await db
    .select({ id: donations.id, currency: donations.currency, chargeId: donations.stripeChargeId, paymentIntentId: donations.stripePaymentIntentId })
    .from(donations)
    .where(
      and(
        inArray(donations.method, STRIPE_GIFT_METHODS),
        or(isNull(donations.processingFeeAmount), isNull(donations.settlementCurrency)),
        or(isNotNull(donations.stripeChargeId), isNotNull(donations.stripePaymentIntentId)),
      ),
    );
  for (const gift of gifts) {
    try {
      const charge = gift.chargeId
        ? await stripe.charges.retrieve(gift.chargeId, { expand: ["balance_transaction"] })
        : ((await stripe.paymentIntents.retrieve(gift.paymentIntentId!, { expand: ["latest_charge.balance_transaction"] }))
            .latest_charge as Stripe.Charge | null);
      const fee = charge && typeof charge === "object" ? chargeFee(charge, gift.currency) : null;
      if (!charge || !fee || fee.amount === null) {
        report.notSettled += 1;
        continue;
      }
      const ref = { chargeId: charge.id, paymentIntentId: gift.paymentIntentId };
      await db.transaction(async (tx) => {
        await lockPayment(tx, ref);
        const [updated] = await tx
          .update(donations)
          .set({
            processingFeeAmount: fee.amount,
            stripeBalanceTransactionId: fee.balanceTransactionId,
            ...settlementColumns(fee.settlement),
            exchangeRate: fee.settlement?.exchangeRate ?? null,
          })
          .where(and(eq(donations.id, gift.id), or(isNull(donations.processingFeeAmount), isNull(donations.settlementCurrency))))
          .returning({ id: donations.id });
        if (!updated) return; // A webhook or another run recorded it meanwhile.
        report.payments += 1;
        for (const id of await refreshGiftFees(tx, ref)) campaigns.add(id);
      });
    } catch (error) {
      report.failed.push({ id: gift.id, error: describeError(error) });
    }
  }

  const refunds = await db
    .select({
      id: giftRefunds.stripeRefundId,
      currency: giftRefunds.currency,
      chargeId: donations.stripeChargeId,
      paymentIntentId: donations.stripePaymentIntentId,
    })
    .from(giftRefunds)
    .innerJoin(donations, eq(donations.id, giftRefunds.donationId))
    .where(and(isNotNull(giftRefunds.stripeRefundId), isNull(giftRefunds.settlementCurrency)));
  for (const row of refunds) {
    try {
      const refund = await stripe.refunds.retrieve(row.id!, { expand: [...REFUND_FEE_EXPANSIONS] });
      const settlement = refundSettlement(refund);
      if (!settlement) continue;
      const ref = { chargeId: row.chargeId ?? String(refund.charge), paymentIntentId: row.paymentIntentId };
      await db.transaction(async (tx) => {
        await lockPayment(tx, ref);
        const [updated] = await tx
          .update(giftRefunds)
          .set({ feeAmount: refundFee(refund, row.currency), ...settlementColumns(settlement) })
          .where(and(eq(giftRefunds.stripeRefundId, row.id!), isNull(giftRefunds.settlementCurrency)))
          .returning({ id: giftRefunds.id });
        if (!updated) return;
        report.refunds += 1;
        for (const id of await refreshGiftFees(tx, ref)) campaigns.add(id);
      });
    } catch (error) {
      report.failed.push({ id: row.id!, error: describeError(error) });
    }
  }

  const disputes = await db
    .select({
      id: paymentDisputes.stripeDisputeId,
      currency: paymentDisputes.currency,
      chargeId: paymentDisputes.stripeChargeId,
      paymentIntentId: paymentDisputes.stripePaymentIntentId,
    })
    .from(paymentDisputes)
    .where(isNull(paymentDisputes.settlementCurrency));
  for (const row of disputes) {
    try {
      const dispute = await stripe.disputes.retrieve(row.id);
      const settlement = disputeSettlement(dispute);
      if (!settlement) continue;
      const ref = { chargeId: row.chargeId, paymentIntentId: row.paymentIntentId };
      await db.transaction(async (tx) => {
        await lockPayment(tx, ref);
        const [updated] = await tx
          .update(paymentDisputes)
          .set({ feeAmount: disputeFee(dispute, row.currency), ...settlementColumns(settlement) })
          .where(and(eq(paymentDisputes.stripeDisputeId, row.id), isNull(paymentDisputes.settlementCurrency)))
          .returning({ id: paymentDisputes.stripeDisputeId });
        if (!updated) return;
        report.disputes += 1;
        for (const id of await refreshGiftFees(tx, ref)) campaigns.add(id);
      });
    } catch (error) {
      report.failed.push({ id: row.id, error: describeError(error) });
    }
  }
  report.campaignIds = [...campaigns];
  return report;
}

export function formatFeeBackfillReport(report: FeeBackfillReport): string[] {
  return [
    "Stripe fees read from balance transactions:",
    `  payments              ${report.payments}`,
    `  refunds               ${report.refunds}`,
    `  disputes              ${report.disputes}`,
    `  not settled yet       ${report.notSettled}`,
    `  failed                ${report.failed.length}`,
  ];
}
