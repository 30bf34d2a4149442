import type { OperationContext } from "../context";
import { previousAttributes } from "../diff";
import { invalidRequest } from "../errors";
import { formatAmount } from "../money";
import { buildRefund } from "../objects/refund";
import { cloneJson, idOf, type WireCharge, type WireRefund } from "../wire";

export interface RefundInput {
  charge: WireCharge;
  amount: number | undefined;
  reason: "duplicate" | "fraudulent" | "requested_by_customer" | null;
  metadata: Record<string, string>;
}

/**
 * `POST /v1/refunds`: full or partial, never more than what is left on the charge, and never on
 * a charge that was charged back (Stripe's `charge_disputed`: the bank already returned it).
 * Events: refund.created, charge.refunded (with the charge's previous amount_refunded).
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
  ctx.state.refunds[refund.id] = refund;
  const before = cloneJson(charge);
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded >= charge.amount;
  ctx.emit("refund.created", refund);
  ctx.emit("charge.refunded", charge, previousAttributes(before, charge));
  return refund;
}
