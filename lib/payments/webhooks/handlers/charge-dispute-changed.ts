import "server-only";
import type Stripe from "stripe";
import { adminEmailAddresses } from "@/lib/auth/admin-users";
import { formatGiftDate } from "@/lib/donations/gift-wording";
import { OPEN_DISPUTE_STATUSES, recordDispute, type RecordedDispute } from "@/lib/donations/payment-disputes";
import { queueEmail } from "@/lib/email/outbox";
import type { Executor } from "@/db/database";
import { env } from "@/lib/env";
import { formatMoney } from "@/lib/money/money";
import { NOTHING_CHANGED, acknowledge, type EventHandler } from "../event-outcome";
import { idOf, unixSeconds } from "../stripe-objects";
import { disputeFee, disputeSettlement } from "../balance-fees";
import { logger } from "@/lib/observability/logger";

const log = logger("payments");

/** "product_not_received" → "Product not received". */
function reasonInWords(reason: string): string {
  const words = reason.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "December 20, 2026 at 11:59 PM UTC": a deadline, so to the minute, in UTC. */
function formatDeadline(date: Date): string {
  return `${date.toLocaleString("en-US", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" })} UTC`;
}

/**
 * Tells every admin about a dispute they can still answer, once per dispute and admin (the
 * outbox's idempotency key), whichever dispute event arrives first and however often.
 */
async function queueDisputeEmails(tx: Executor, dispute: Stripe.Dispute, recorded: RecordedDispute): Promise<string[]> {
  if (!OPEN_DISPUTE_STATUSES.includes(recorded.status)) return [];
  const gift = recorded.gifts[0];
  const { ORG_NAME } = env();
  const props = {
    organisationName: ORG_NAME,
    amount: formatMoney(dispute.amount, dispute.currency.toUpperCase(), { showCents: true }),
    reason: reasonInWords(dispute.reason),
    evidenceDueBy: dispute.evidence_details?.due_by ? formatDeadline(new Date(dispute.evidence_details.due_by * 1000)) : null,
    gift: gift
      ? `${formatMoney(gift.amount, gift.currency, { showCents: true })} to ${gift.campaignTitle} from ${gift.donorName ? `${gift.donorName} <${gift.donorEmail}>` : gift.donorEmail} on ${formatGiftDate(gift.paidAt)}`
      : null,
    stripeDisputeId: dispute.id,
    stripeChargeId: idOf(dispute.charge) ?? "",
  };
  const keys: string[] = [];
  for (const to of await adminEmailAddresses(tx)) {
    const idempotencyKey = `dispute-opened:${dispute.id}:${to}`;
    if (await queueEmail(tx, { idempotencyKey, template: "dispute-opened", to, props })) keys.push(idempotencyKey);
  }
  return keys;
}

/**
 * charge.dispute.created / updated / closed: stores the dispute and gives the disputed gift its
 * current status (needs_response, under_review, won, lost…); a lost dispute comes off every
 * "raised" total, a won one puts the gift back. Read from Stripe now, so the latest status wins
 * whatever order the events arrive in; a dispute that arrives before its gift is applied when
 * the gift is recorded (recordGift). Admins are emailed once per open dispute.
 */
export const handleChargeDisputeChanged: EventHandler = async (ctx) => {
  const disputeId = (ctx.event.data.object as Stripe.Dispute).id;
  const dispute = await ctx.stripe.disputes.retrieve(disputeId);
  const observedAt = unixSeconds();
  const chargeId = idOf(dispute.charge);
  if (!chargeId) return acknowledge(ctx);
  const committed = await ctx.commit(async (tx) => {
    const recorded = await recordDispute(tx, {
      stripeDisputeId: dispute.id,
      charge: { chargeId, paymentIntentId: idOf(dispute.payment_intent) },
      amount: dispute.amount,
      currency: dispute.currency.toUpperCase(),
      reason: dispute.reason,
      status: dispute.status,
      evidenceDueBy: dispute.evidence_details?.due_by ? new Date(dispute.evidence_details.due_by * 1000) : null,
      openedAt: new Date(dispute.created * 1000),
      feeAmount: disputeFee(dispute, dispute.currency),
      settlement: disputeSettlement(dispute),
      observedAt,
    });
    if (recorded.gifts.length === 0) log.warn({ disputeId: dispute.id }, "dispute matches no recorded gift yet; kept for when it arrives");
    const emailKeys = await queueDisputeEmails(tx, dispute, recorded);
    return { campaignIds: [...new Set(recorded.gifts.map((gift) => gift.campaignId))], emailKeys };
  });
  if (committed === null) return { status: "duplicate", ...NOTHING_CHANGED };
  return { status: "processed", ...committed.value };
};
