import "server-only";
import type Stripe from "stripe";
import { adminEmailAddresses } from "@/lib/auth/admin-users";
import { formatGiftDate } from "@/lib/donations/gift-wording";
import { recordChargeRefunds, type FailedRefund, type NewRefund } from "@/lib/donations/gift-refunds";
import { queueEmail } from "@/lib/email/outbox";
import type { Executor } from "@/db/database";
import { env } from "@/lib/env";
import { formatMoney } from "@/lib/money/money";
import { organisation } from "@/lib/organisation/organisation";
import { decodeGiftMetadata } from "../gift-metadata";
import { NOTHING_CHANGED, type EventOutcome, type HandlerContext } from "./event-outcome";
import { idOf } from "./stripe-objects";
import { REFUND_FEE_EXPANSIONS, refundFee, refundSettlement } from "./balance-fees";
import { logger } from "@/lib/observability/logger";

const log = logger("payments");

/** "expired_or_canceled_card" → "expired or canceled card". */
function reasonInWords(reason: string | null): string | null {
  return reason ? reason.replace(/_/g, " ") : null;
}

/** Tells every admin about a refund that failed, once per refund and admin (the outbox's key). */
async function queueRefundFailedEmails(tx: Executor, failed: FailedRefund): Promise<string[]> {
  const { ORG_NAME, APP_URL } = env();
  const money = (amount: number) => formatMoney(amount, failed.gift.currency, { showCents: true });
  const { gift } = failed;
  const props = {
    organisationName: ORG_NAME,
    amount: money(failed.amount),
    gift: `${money(gift.amount)} to ${gift.campaignTitle} from ${gift.donorName ? `${gift.donorName} <${gift.donorEmail}>` : gift.donorEmail} on ${formatGiftDate(gift.paidAt)}`,
    campaignTitle: gift.campaignTitle,
    reason: reasonInWords(failed.failureReason),
    stillRefunded: money(failed.refundedAmount),
    giftUrl: `${APP_URL.replace(/\/$/, "")}/admin/gifts/${gift.id}`,
    stripeRefundId: failed.stripeRefundId,
  };
  const keys: string[] = [];
  for (const to of await adminEmailAddresses(tx)) {
    const idempotencyKey = `refund-failed:${failed.stripeRefundId}:${to}`;
    if (await queueEmail(tx, { idempotencyKey, template: "refund-failed", to, props })) keys.push(idempotencyKey);
  }
  return keys;
}

/**
 * Tells the donor their money is on its way back: once per Stripe refund (the outbox's key), in
 * the transaction that records it, so a redelivered or concurrent event sends nothing more.
 */
async function queueGiftRefundedEmail(tx: Executor, refund: NewRefund): Promise<string | null> {
  const { ORG_NAME, APP_URL } = env();
  const money = (amount: number) => formatMoney(amount, refund.gift.currency, { showCents: true });
  const { gift } = refund;
  const idempotencyKey = `gift-refunded:${refund.stripeRefundId}`;
  const queued = await queueEmail(tx, {
    idempotencyKey,
    template: "gift-refunded",
    to: gift.donorEmail,
    props: {
      organisationName: ORG_NAME,
      donorName: gift.donorName,
      amount: money(refund.amount),
      giftAmount: money(gift.amount),
      giftDate: formatGiftDate(gift.paidAt),
      campaignTitle: gift.campaignTitle,
      keptAmount: refund.refundedAmount >= gift.amount ? null : money(gift.amount - refund.refundedAmount),
      manageUrl: new URL("/donate/manage", APP_URL).toString(),
      contactEmail: organisation().contactEmail,
    },
  });
  return queued ? idempotencyKey : null;
}

/**
 * What every refund event does: reads the charge and its complete list of refunds from Stripe
 * now (so the latest statuses win whatever order events arrive in), stores them on the gift and
 * sets its refunded amount to the refunds still standing (lib/donations/gift-refunds.ts). A new
 * refund emails the donor. A refund that failed puts its amount back in the campaign's figures
 * and emails the admins. A refund for a Lantern gift not recorded yet fails, so Stripe retries
 * after the gift lands; a refund for anything else is acknowledged.
 */
export async function syncChargeRefunds(ctx: HandlerContext, chargeId: string): Promise<EventOutcome> {
  // The charge's refunds come expanded in the same read (Stripe includes the first 10), with their
  // balance transactions (the fees); the list is read on its own only when there are more.
  const charge = await ctx.stripe.charges.retrieve(chargeId, { expand: ["refunds", ...REFUND_FEE_EXPANSIONS.map((field) => `refunds.data.${field}`)] });
  const refunds: Stripe.Refund[] =
    charge.refunds && !charge.refunds.has_more
      ? charge.refunds.data
      : await ctx.stripe.refunds
          .list({ charge: charge.id, limit: 100, expand: REFUND_FEE_EXPANSIONS.map((field) => `data.${field}`) })
          .autoPagingToArray({ limit: 10_000 });
  const ref = { chargeId: charge.id, paymentIntentId: idOf(charge.payment_intent) };
  const committed = await ctx.commit(async (tx) => {
    const recorded = await recordChargeRefunds(
      tx,
      ref,
      refunds.map((refund) => ({
        stripeRefundId: refund.id,
        amount: refund.amount,
        currency: refund.currency.toUpperCase(),
        status: refund.status,
        failureReason: refund.failure_reason ?? null,
        createdAt: new Date(refund.created * 1000),
        feeAmount: refundFee(refund, refund.currency),
        settlement: refundSettlement(refund),
      })),
    );
    if (recorded.gifts.length === 0 && decodeGiftMetadata(charge.metadata)) {
      throw new Error(`refund for charge ${charge.id} arrived before its gift was recorded`);
    }
    if (recorded.gifts.length === 0) log.warn({ chargeId: charge.id }, "refund matches no recorded gift; ignored");
    const emailKeys: string[] = [];
    for (const refund of recorded.newlyRefunded) {
      const key = await queueGiftRefundedEmail(tx, refund);
      if (key) emailKeys.push(key);
    }
    for (const failed of recorded.newlyFailed) {
      log.warn({ refundId: failed.stripeRefundId, giftId: failed.gift.id, reason: failed.failureReason ?? "no reason given" }, "refund failed: counted again");
      emailKeys.push(...(await queueRefundFailedEmails(tx, failed)));
    }
    return { campaignIds: [...new Set(recorded.gifts.map((gift) => gift.campaignId))], emailKeys };
  });
  if (committed === null) return { status: "duplicate", ...NOTHING_CHANGED };
  return { status: "processed", ...committed.value };
}
