import type { OperationContext } from "../context";
import { previousAttributes } from "../diff";
import { invalidRequest } from "../errors";
import { buildDispute, disputeBalanceTransaction } from "../objects/dispute";
import { cloneJson, type WireCharge, type WireDispute } from "../wire";

export type DisputeOutcome = "won" | "lost";

/**
 * The cardholder's bank disputes a charge (what a test card such as 4000 0000 0000 0259 makes
 * Stripe do). By default for the whole charge: issuers often dispute the full amount even after
 * a partial refund. Stripe withdraws the disputed amount plus its dispute fee at once.
 * Events: charge.dispute.created, then charge.dispute.funds_withdrawn.
 */
export function openDispute(ctx: OperationContext, charge: WireCharge, options: { reason?: string; amount?: number } = {}): WireDispute {
  if (charge.status !== "succeeded") throw invalidRequest(`Charge ${charge.id} did not succeed, so it cannot be disputed.`, "charge");
  if (charge.disputed) throw invalidRequest(`Charge ${charge.id} is already disputed.`, "charge");
  const amount = options.amount ?? charge.amount;
  if (!Number.isInteger(amount) || amount <= 0 || amount > charge.amount) {
    throw invalidRequest(`A dispute's amount must be between 1 and the charge's amount (${charge.amount}).`, "amount");
  }
  const dispute = buildDispute({ created: ctx.now, charge, reason: options.reason ?? "fraudulent", amount });
  ctx.state.disputes[dispute.id] = dispute;
  charge.disputed = true;
  ctx.emit("charge.dispute.created", dispute);
  const before = cloneJson(dispute);
  dispute.balance_transactions.push(disputeBalanceTransaction(ctx.now, dispute, -amount, true));
  ctx.emit("charge.dispute.funds_withdrawn", dispute, previousAttributes(before, dispute));
  return dispute;
}

/** Evidence was submitted: the dispute waits for the bank. Events: charge.dispute.updated. */
export function submitDisputeEvidence(ctx: OperationContext, dispute: WireDispute): WireDispute {
  if (dispute.status !== "needs_response" && dispute.status !== "warning_needs_response") {
    throw invalidRequest(`This dispute is ${dispute.status}; evidence can no longer be submitted.`);
  }
  const before = cloneJson(dispute);
  dispute.status = "under_review";
  dispute.evidence_details.has_evidence = true;
  dispute.evidence_details.submission_count += 1;
  dispute.evidence_details.submission_method = "manual";
  ctx.emit("charge.dispute.updated", dispute, previousAttributes(before, dispute));
  return dispute;
}

/**
 * The bank decides. Won: the withdrawn amount comes back. Lost: the money stays with the
 * cardholder, except what had already been refunded to them, which Stripe returns (the
 * dispute then reads "partially won" in the Dashboard but its status is `lost`).
 * Events: charge.dispute.closed, then charge.dispute.funds_reinstated when money comes back.
 */
export function closeDispute(ctx: OperationContext, dispute: WireDispute, outcome: DisputeOutcome, charge: WireCharge): WireDispute {
  if (dispute.status === "won" || dispute.status === "lost") throw invalidRequest(`This dispute is already closed (${dispute.status}).`);
  const before = cloneJson(dispute);
  dispute.status = outcome;
  ctx.emit("charge.dispute.closed", dispute, previousAttributes(before, dispute));
  const unrefunded = charge.amount - charge.amount_refunded;
  const reinstated = outcome === "won" ? dispute.amount : Math.max(0, dispute.amount - unrefunded);
  if (reinstated > 0) {
    const beforeReinstating = cloneJson(dispute);
    dispute.balance_transactions.push(disputeBalanceTransaction(ctx.now, dispute, reinstated, false));
    ctx.emit("charge.dispute.funds_reinstated", dispute, previousAttributes(beforeReinstating, dispute));
  }
  return dispute;
}
