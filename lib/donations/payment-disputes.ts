import "server-only";
import { knownDonorEmail } from "./donors";
import { and, desc, eq, lte, or, sql } from "drizzle-orm";
import { campaigns, donations, donors, paymentDisputes } from "@/db/schema";
import type { Executor } from "@/db/database";
import { recordDisputeStatus, type ChargeRef } from "./payment-adjustments";

/** A dispute as Stripe describes it at one moment (read from Stripe by the webhook handler). */
export interface DisputeState {
  stripeDisputeId: string;
  charge: ChargeRef;
  amount: number;
  currency: string;
  reason: string;
  status: string;
  evidenceDueBy: Date | null;
  openedAt: Date;
  /** Stripe's fees on the dispute's balance transactions (the dispute fee); 0 when absent. */
  feeAmount?: number;
  /** Unix seconds when this state was read from Stripe; an older read never overwrites a newer one. */
  observedAt: number;
}

/** Statuses in which the organisation can still respond (the admin email is worth sending). */
export const OPEN_DISPUTE_STATUSES: readonly string[] = ["needs_response", "under_review", "warning_needs_response", "warning_under_review"];

/** The disputed gift, as staff need it in the dispute email. */
export interface DisputedGift {
  donationId: string;
  campaignId: string;
  campaignTitle: string;
  donorEmail: string;
  donorName: string | null;
  amount: number;
  currency: string;
  paidAt: Date;
}

export interface RecordedDispute {
  /** The dispute's status as stored now (the newest read, whichever event brought it). */
  status: string;
  gifts: DisputedGift[];
}

/**
 * Serialises, per payment, the transactions that record a dispute and the one that records
 * the gift itself, so whichever commits second sees the other: a dispute handled before its
 * gift is still applied when the gift arrives, and never missed by both.
 */
export async function lockPayment(tx: Executor, ref: { chargeId: string | null; paymentIntentId: string | null }): Promise<void> {
  const key = ref.paymentIntentId ?? ref.chargeId;
  if (!key) return;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`payment:${key}`}, 0))`);
}

/**
 * Stores the dispute (newest Stripe read wins) and gives the disputed gift, if recorded, the
 * stored status: a lost dispute takes what the gift still holds out of "raised", a won one
 * puts it back (lib/ledger). Returns the stored status and the gifts it applies to.
 */
export async function recordDispute(tx: Executor, dispute: DisputeState): Promise<RecordedDispute> {
  await lockPayment(tx, dispute.charge);
  const values = {
    stripeDisputeId: dispute.stripeDisputeId,
    stripeChargeId: dispute.charge.chargeId,
    stripePaymentIntentId: dispute.charge.paymentIntentId,
    amount: dispute.amount,
    currency: dispute.currency,
    reason: dispute.reason,
    status: dispute.status,
    evidenceDueBy: dispute.evidenceDueBy,
    openedAt: dispute.openedAt,
    feeAmount: dispute.feeAmount ?? 0,
    stripeUpdatedAt: dispute.observedAt,
  };
  await tx
    .insert(paymentDisputes)
    .values(values)
    .onConflictDoUpdate({
      target: paymentDisputes.stripeDisputeId,
      set: {
        amount: values.amount,
        reason: values.reason,
        status: values.status,
        evidenceDueBy: values.evidenceDueBy,
        feeAmount: values.feeAmount,
        stripeUpdatedAt: values.stripeUpdatedAt,
        updatedAt: new Date(),
      },
      setWhere: lte(paymentDisputes.stripeUpdatedAt, dispute.observedAt),
    });
  const status = (await disputeStatusOfPayment(tx, dispute.charge)) ?? dispute.status;
  const locked = await recordDisputeStatus(tx, dispute.charge, status);
  if (locked.length === 0) return { status, gifts: [] };
  const gifts = await tx
    .select({
      donationId: donations.id,
      campaignId: donations.campaignId,
      campaignTitle: campaigns.title,
      donorEmail: knownDonorEmail,
      donorName: donors.name,
      amount: donations.amount,
      currency: donations.currency,
      paidAt: donations.paidAt,
    })
    .from(donations)
    .innerJoin(campaigns, eq(campaigns.id, donations.campaignId))
    .innerJoin(donors, eq(donors.id, donations.donorId))
    .where(or(...locked.map((gift) => eq(donations.id, gift.id))));
  return { status, gifts };
}

/**
 * The status the payment's gift should carry: that of its most recently opened dispute (an
 * issuer that corrects a dispute closes it and opens another). Null when it was never disputed.
 * The caller holds lockPayment for the payment.
 */
export async function disputeStatusOfPayment(tx: Executor, ref: { chargeId: string | null; paymentIntentId: string | null }): Promise<string | null> {
  return (await disputesOfPayment(tx, ref)).status;
}

/**
 * What the disputes stored for a payment mean for its gift, in one read: the newest one's
 * status (as disputeStatusOfPayment) and the fees of all of them (as giftFeeTotal counts them).
 */
export async function disputesOfPayment(
  tx: Executor,
  ref: { chargeId: string | null; paymentIntentId: string | null },
): Promise<{ status: string | null; feeAmount: number }> {
  const matches = [
    ref.chargeId ? eq(paymentDisputes.stripeChargeId, ref.chargeId) : undefined,
    ref.paymentIntentId ? eq(paymentDisputes.stripePaymentIntentId, ref.paymentIntentId) : undefined,
  ].filter((match) => match !== undefined);
  if (matches.length === 0) return { status: null, feeAmount: 0 };
  // The window's sum is taken over every matching row before LIMIT keeps the newest.
  const [latest] = await tx
    .select({ status: paymentDisputes.status, feeAmount: sql<string>`sum(${paymentDisputes.feeAmount}) over ()` })
    .from(paymentDisputes)
    .where(and(or(...matches)))
    .orderBy(desc(paymentDisputes.openedAt), desc(paymentDisputes.stripeDisputeId))
    .limit(1);
  return { status: latest?.status ?? null, feeAmount: Number(latest?.feeAmount ?? 0) };
}
