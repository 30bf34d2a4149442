import { refundsFailLater } from "../cards";
import type { OperationContext } from "../context";
import { previousAttributes } from "../diff";
import { invalidRequest } from "../errors";
import { formatAmount } from "../money";
import { refundBalanceTransaction, refundFailureBalanceTransaction } from "../objects/balance-transaction";
import { buildRefund } from "../objects/refund";
import { cloneJson, idOf, type WireCharge, type WireRefund } from "../wire";

/** How long a 5126 card's refund stays succeeded: long enough for the charge.refunded handler to see it so, as at Stripe. */
export const REFUND_FAILURE_DELAY_SECONDS = 1;

export interface RefundInput {
  charge: WireCharge;
  amount: number | undefined;
  reason: "duplicate" | "fraudulent" | "requested_by_customer" | null;
  metadata: Record<string, string>;
}

/**
 * `POST /v1/refunds`: full or partial, never more than what is left on the charge, and never on
 * a charge that was charged back (Stripe's `charge_disputed`: the bank already returned it).
 * Events: refund.created, charge.refunded (with the charge's previous amount_refunded). A refund
 * of a 4000 0000 0000 5126 charge is succeeded in this answer and fails a second later (failDueRefunds,
 * run by the emulator's timer or before the next request), as Stripe's "refunds fail asynchronously" test card: "the
 * refund appears successful at first, only returning the failed status in subsequent fetches".
 */
export function createRefund(ctx: OperationContext, input: RefundInput): WireRefund {
  const { charge } = input;
  if (charge.status !== "succeeded") {
    throw invalidRequest(`Charge ${charge.id} has not been captured and cannot be refunded.`, "charge", "charge_not_refundable");
  }
  const chargeback = Object.values(ctx.state.disputes).find((dispute) => idOf(dispute.charge) === charge.id && !dispute.is_charge_refundable);
  if (chargeback) {
    throw invalidRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, "charge", "charge_disputed");
  }
  const remaining = charge.amount - charge.amount_refunded;
  if (remaining <= 0) {
    throw invalidRequest(`Charge ${charge.id} has already been refunded.`, "charge", "charge_already_refunded");
  }
  const amount = input.amount ?? remaining;
  if (amount <= 0) throw invalidRequest(`Refund amount must be positive.`, "amount");
  if (amount > remaining) {
    const message =
      charge.amount_refunded === 0
        ? `Refund amount (${formatAmount(amount, charge.currency)}) is greater than charge amount (${formatAmount(charge.amount, charge.currency)})`
        : `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`;
    throw invalidRequest(message, "amount", "amount_too_large");
  }
  const refund = buildRefund({
    created: ctx.now,
    amount,
    currency: charge.currency,
    charge: charge.id,
    paymentIntent: idOf(charge.payment_intent),
    customer: idOf(charge.customer),
    paymentMethod: charge.payment_method,
    reason: input.reason,
    metadata: input.metadata,
  });
  refundBalanceTransaction(ctx, refund);
  ctx.state.refunds[refund.id] = refund;
  if (refundsFailLater(charge.payment_method_details?.card?.fingerprint)) ctx.state.refundFailures[refund.id] = ctx.now + REFUND_FAILURE_DELAY_SECONDS;
  const before = cloneJson(charge);
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded >= charge.amount;
  ctx.emit("refund.created", refund);
  ctx.emit("charge.refunded", charge, previousAttributes(before, charge));
  return refund;
}

/** Stripe's failure_reason for the 5126 test card's refunds (docs.stripe.com/testing, `refund_fail`). */
export const TEST_CARD_REFUND_FAILURE_REASON = "expired_or_canceled_card";

/**
 * The bank could not return a refund: Stripe marks it failed (final), puts the amount back in the
 * balance, so the charge's amount_refunded drops again, and sends charge.refund.updated and
 * refund.updated (with the previous status) and refund.failed. Only a refund still counted
 * (pending or succeeded) can fail.
 */
export function failRefund(ctx: OperationContext, refund: WireRefund, failureReason: string): WireRefund {
  if (refund.status !== "succeeded" && refund.status !== "pending") {
    throw invalidRequest(`Refund ${refund.id} has a status of ${refund.status ?? "null"}; only a pending or succeeded refund can fail.`, "refund");
  }
  const before = cloneJson(refund);
  refund.status = "failed";
  refund.failure_reason = failureReason;
  refundFailureBalanceTransaction(ctx, refund);
  delete ctx.state.refundFailures[refund.id];
  const charge = refund.charge ? ctx.state.charges[idOf(refund.charge)!] : undefined;
  if (charge) {
    charge.amount_refunded = Math.max(0, charge.amount_refunded - refund.amount);
    charge.refunded = charge.amount_refunded >= charge.amount;
  }
  const changed = previousAttributes(before, refund);
  ctx.emit("charge.refund.updated", refund, changed);
  ctx.emit("refund.updated", refund, changed);
  ctx.emit("refund.failed", refund);
  return refund;
}

/** Fails the scheduled refunds whose time has come (called before every request is handled). */
export function failDueRefunds(ctx: OperationContext): void {
  for (const [id, at] of Object.entries(ctx.state.refundFailures)) {
    if (at > ctx.now) continue;
    const refund = ctx.state.refunds[id];
    if (refund && (refund.status === "succeeded" || refund.status === "pending")) failRefund(ctx, refund, TEST_CARD_REFUND_FAILURE_REASON);
    else delete ctx.state.refundFailures[id];
  }
}

/** Whether any scheduled refund failure is due (so a request needs a context to apply it). */
export function refundFailuresDue(state: OperationContext["state"], now: number): boolean {
  return Object.values(state.refundFailures).some((at) => at <= now);
}
