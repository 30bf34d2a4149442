import "server-only";
import { knownDonorEmail } from "./donors";
import { and, asc, eq, isNull, notInArray, sql } from "drizzle-orm";
import { campaigns, donors, giftRefunds } from "@/db/schema";
import type { Executor } from "@/db/database";
import { adjustGifts, type ChargeRef, type LockedGift } from "./payment-adjustments";
import { settlementColumns, type Settlement } from "./gift-fees";

/** A refund as Stripe describes it at one moment (read from Stripe by the webhook handler). */
export interface RefundState {
  stripeRefundId: string;
  amount: number;
  /** ISO 4217, upper case like the gift's. */
  currency: string;
  /** Stripe's status; null (a refund Stripe has not started) counts as pending. */
  status: string | null;
  failureReason: string | null;
  createdAt: Date;
  /** Stripe's fees on the refund's balance transactions (the refund's and its failure's); 0 when absent. */
  feeAmount?: number;
  /** The same balance transactions as Stripe settled them (absent: not read). */
  settlement?: Settlement | null;
}

/** Statuses in which a refund no longer returns money: final at Stripe, so final here too. */
export const ENDED_REFUND_STATUSES: readonly string[] = ["failed", "canceled"];

/**
 * How far along a refund is. A status only moves forward: a read of Stripe that commits after a
 * newer one (two events handled at once) cannot turn a succeeded refund back to pending, nor a
 * failed one back to succeeded.
 */
function stage(status: string): number {
  if (ENDED_REFUND_STATUSES.includes(status)) return 2;
  return status === "succeeded" ? 1 : 0;
}

/** The status to store when `stored` (null: not stored yet) meets a fresh read of `read`. */
export function nextRefundStatus(stored: string | null, read: string | null): string {
  const fresh = read ?? "pending";
  if (stored === null) return fresh;
  if (ENDED_REFUND_STATUSES.includes(stored)) return stored;
  return stage(fresh) >= stage(stored) ? fresh : stored;
}

/** A refund that failed in this transaction, with what the admin email says about its gift. */
export interface FailedRefund {
  stripeRefundId: string;
  amount: number;
  currency: string;
  failureReason: string | null;
  gift: { id: string; amount: number; currency: string; paidAt: Date; campaignTitle: string; donorEmail: string; donorName: string | null };
  /** The gift's refunded amount once this refund stopped counting. */
  refundedAmount: number;
}

/** A refund stored here for the first time and returning money: the donor is told (gift-refunded email). */
export interface NewRefund {
  stripeRefundId: string;
  amount: number;
  currency: string;
  gift: FailedRefund["gift"];
  /** The gift's refunded amount with this refund counted. */
  refundedAmount: number;
}

export interface RecordedRefunds {
  gifts: LockedGift[];
  /** Refunds that became failed here (never one seen failed before), for the admin email. */
  newlyFailed: FailedRefund[];
  /**
   * Refunds seen for the first time, not failed or canceled, for the donor's email. None for a
   * gift whose refunds were stored before they were listed one by one (migration 0011): those
   * donors were refunded long ago, a first read of Stripe's list is not news to them.
   */
  newlyRefunded: NewRefund[];
}

/**
 * Stores the charge's refunds (Stripe's complete list for the charge, read just now) on the gift
 * the charge paid for, and sets the gift's refunded amount to the sum of the refunds still
 * standing, capped at the gift; the ledger moves by the difference (adjustGifts). Rows stored
 * before per-refund records (no Stripe id, migration 0011) are replaced by this list. The gift
 * row's lock makes concurrent calls for one gift take turns. Empty `gifts`: no gift recorded yet.
 */
export async function recordChargeRefunds(tx: Executor, ref: ChargeRef, refunds: readonly RefundState[]): Promise<RecordedRefunds> {
  const failed: { refund: RefundState; gift: LockedGift }[] = [];
  const added: { refund: RefundState; gift: LockedGift }[] = [];
  const refundedAfter = new Map<string, number>();
  const gifts = await adjustGifts(tx, ref, async (gift) => {
    const stored = new Map(
      (
        await tx.select({ stripeRefundId: giftRefunds.stripeRefundId, status: giftRefunds.status }).from(giftRefunds).where(eq(giftRefunds.donationId, gift.id))
      ).map((row) => [row.stripeRefundId, row.status]),
    );
    for (const refund of refunds) {
      const before = stored.get(refund.stripeRefundId) ?? null;
      const status = nextRefundStatus(before, refund.status);
      if (before === status) {
        // Same status, but the fee Stripe reports may be new (a row stored before fees were read);
        // not from a stale read (pending, while a failure is stored) that lacks the failure's balance transaction.
        if (refund.feeAmount !== undefined && (refund.status ?? "pending") === before) {
          await tx
            .update(giftRefunds)
            .set({ feeAmount: refund.feeAmount, ...(refund.settlement !== undefined ? settlementColumns(refund.settlement) : {}) })
            .where(eq(giftRefunds.stripeRefundId, refund.stripeRefundId));
        }
        continue;
      }
      await tx
        .insert(giftRefunds)
        .values({
          stripeRefundId: refund.stripeRefundId,
          donationId: gift.id,
          amount: refund.amount,
          currency: refund.currency,
          status,
          failureReason: status === "failed" ? refund.failureReason : null,
          feeAmount: refund.feeAmount ?? 0,
          ...settlementColumns(refund.settlement),
          refundedAt: refund.createdAt,
        })
        .onConflictDoUpdate({
          target: giftRefunds.stripeRefundId,
          set: {
            status,
            failureReason: status === "failed" ? refund.failureReason : null,
            feeAmount: refund.feeAmount ?? 0,
            ...settlementColumns(refund.settlement),
            updatedAt: new Date(),
          },
          // The gift's lock already serialises writers; this keeps an ended refund ended regardless.
          setWhere: notInArray(giftRefunds.status, [...ENDED_REFUND_STATUSES]),
        });
      if (status === "failed") failed.push({ refund, gift });
      if (before === null && !ENDED_REFUND_STATUSES.includes(status) && !stored.has(null)) added.push({ refund, gift });
    }
    if (refunds.length > 0) await tx.delete(giftRefunds).where(and(eq(giftRefunds.donationId, gift.id), isNull(giftRefunds.stripeRefundId)));
    const refundedAmount = Math.min(gift.amount, await standingRefunds(tx, gift.id));
    refundedAfter.set(gift.id, refundedAmount);
    return { refundedAmount, disputeStatus: gift.disputeStatus };
  });
  const describe = async (gift: LockedGift): Promise<FailedRefund["gift"]> => {
    const [context] = await tx
      .select({ campaignTitle: campaigns.title, donorEmail: knownDonorEmail, donorName: donors.name })
      .from(campaigns)
      .innerJoin(donors, eq(donors.id, gift.donorId))
      .where(eq(campaigns.id, gift.campaignId));
    return {
      id: gift.id,
      amount: gift.amount,
      currency: gift.currency,
      paidAt: gift.paidAt,
      campaignTitle: context!.campaignTitle,
      donorEmail: context!.donorEmail,
      donorName: context!.donorName,
    };
  };
  const newlyFailed: FailedRefund[] = [];
  for (const { refund, gift } of failed) {
    newlyFailed.push({
      stripeRefundId: refund.stripeRefundId,
      amount: refund.amount,
      currency: refund.currency,
      failureReason: refund.failureReason,
      gift: await describe(gift),
      refundedAmount: refundedAfter.get(gift.id) ?? gift.refundedAmount,
    });
  }
  const newlyRefunded: NewRefund[] = [];
  for (const { refund, gift } of added) {
    newlyRefunded.push({
      stripeRefundId: refund.stripeRefundId,
      amount: refund.amount,
      currency: refund.currency,
      gift: await describe(gift),
      refundedAmount: refundedAfter.get(gift.id) ?? gift.refundedAmount,
    });
  }
  return { gifts, newlyFailed, newlyRefunded };
}

/** The sum of a gift's refunds that still return money (not failed, not canceled). */
async function standingRefunds(tx: Executor, donationId: string): Promise<number> {
  const [row] = await tx
    .select({ total: sql<string | null>`sum(${giftRefunds.amount})` })
    .from(giftRefunds)
    .where(and(eq(giftRefunds.donationId, donationId), notInArray(giftRefunds.status, [...ENDED_REFUND_STATUSES])));
  return Number(row?.total ?? 0);
}

/** A gift's refunds for the admin gift page, oldest first. */
export async function refundsOfGift(tx: Executor, donationId: string) {
  return tx
    .select({
      stripeRefundId: giftRefunds.stripeRefundId,
      amount: giftRefunds.amount,
      currency: giftRefunds.currency,
      status: giftRefunds.status,
      failureReason: giftRefunds.failureReason,
      refundedAt: giftRefunds.refundedAt,
      updatedAt: giftRefunds.updatedAt,
    })
    .from(giftRefunds)
    .where(eq(giftRefunds.donationId, donationId))
    .orderBy(asc(giftRefunds.refundedAt), asc(giftRefunds.createdAt));
}

export type GiftRefundRow = Awaited<ReturnType<typeof refundsOfGift>>[number];

/** A refund's status as staff read it on the gift's page. */
export function refundStatusText(refund: { status: string; failureReason: string | null }): string {
  switch (refund.status) {
    case "succeeded":
      return "Refunded";
    case "pending":
      return "Pending at the bank (counted as refunded)";
    case "requires_action":
      return "Waiting for the donor's details (counted as refunded)";
    case "failed":
      return `Failed${refund.failureReason ? ` (${refund.failureReason.replace(/_/g, " ")})` : ""}: the donor was not repaid, and the amount counts in the campaign's total again`;
    case "canceled":
      return "Canceled: nothing was returned";
    default:
      return refund.status;
  }
}
