import type { OperationContext } from "../context";
import { previousAttributes } from "../diff";
import { invalidRequest } from "../errors";
import { buildDispute } from "../objects/dispute";
import { cloneJson, type WireCharge, type WireDispute } from "../wire";

export type DisputeOutcome = "won" | "lost";

/**
 * The cardholder's bank disputes a charge (what a test card such as 4000 0000 0000 0259 makes
 * Stripe do). Events: charge.dispute.created.
 */
export function openDispute(ctx: OperationContext, charge: WireCharge, reason = "fraudulent"): WireDispute {
  if (charge.status !== "succeeded") throw invalidRequest(`Charge ${charge.id} did not succeed, so it cannot be disputed.`, "charge");
  if (charge.disputed) throw invalidRequest(`Charge ${charge.id} is already disputed.`, "charge");
  const dispute = buildDispute({ created: ctx.now, charge, reason });
  ctx.state.disputes[dispute.id] = dispute;
  charge.disputed = true;
  ctx.emit("charge.dispute.created", dispute);
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

/** The bank decides. Events: charge.dispute.closed. */
export function closeDispute(ctx: OperationContext, dispute: WireDispute, outcome: DisputeOutcome): WireDispute {
  if (dispute.status === "won" || dispute.status === "lost") throw invalidRequest(`This dispute is already closed (${dispute.status}).`);
  const before = cloneJson(dispute);
  dispute.status = outcome;
  ctx.emit("charge.dispute.closed", dispute, previousAttributes(before, dispute));
  return dispute;
}
