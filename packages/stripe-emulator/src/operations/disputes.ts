import type { OperationContext } from "../context";
import { previousAttributes } from "../diff";
import { invalidRequest } from "../errors";
import { disputeBalanceTransaction } from "../objects/balance-transaction";
import { buildDispute } from "../objects/dispute";
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
  dispute.balance_transactions.push(disputeBalanceTransaction(ctx, dispute, "withdrawal", -amount));
  ctx.emit("charge.dispute.funds_withdrawn", dispute, previousAttributes(before, dispute));
  return dispute;
}

/** The text fields of a dispute's evidence (the file fields take uploaded file ids, which the emulator has none of). */
export const EVIDENCE_TEXT_FIELDS = [
  "access_activity_log",
  "billing_address",
  "cancellation_policy_disclosure",
  "cancellation_rebuttal",
  "customer_email_address",
  "customer_name",
  "customer_purchase_ip",
  "duplicate_charge_explanation",
  "duplicate_charge_id",
  "product_description",
  "refund_policy_disclosure",
  "refund_refusal_explanation",
  "service_date",
  "shipping_address",
  "shipping_carrier",
  "shipping_date",
  "shipping_tracking_number",
  "uncategorized_text",
] as const;
export type EvidenceText = Partial<Record<(typeof EVIDENCE_TEXT_FIELDS)[number], string>>;

const AWAITING_RESPONSE = new Set(["needs_response", "warning_needs_response"]);

/**
 * `POST /v1/disputes/:id` (and the submit-evidence test helper): stages evidence and, unless
 * `submit` is false, submits it (metadata alone is just saved), after which the dispute waits for the bank (`under_review`,
 * `warning_under_review` for an inquiry) and its evidence can no longer change.
 * Events: charge.dispute.updated.
 */
export function updateDisputeEvidence(
  ctx: OperationContext,
  dispute: WireDispute,
  input: { evidence?: EvidenceText; metadata?: Record<string, string>; submit?: boolean } = {},
): WireDispute {
  // `submit` defaults to true with evidence; a metadata-only update submits nothing.
  const submits = input.submit ?? input.evidence !== undefined;
  if ((input.evidence !== undefined || submits) && !AWAITING_RESPONSE.has(dispute.status)) {
    throw invalidRequest(`This dispute is ${dispute.status}; its evidence can no longer be updated or submitted.`, "evidence");
  }
  const before = cloneJson(dispute);
  if (input.evidence) {
    dispute.evidence = { ...dispute.evidence, ...input.evidence };
    dispute.evidence_details.has_evidence = true;
  }
  if (input.metadata) dispute.metadata = input.metadata;
  if (submits) {
    // Countering a dispute (not an inquiry) costs Stripe's dispute countered fee, returned if it is won.
    if (dispute.status === "needs_response" && !wasCountered(dispute))
      dispute.balance_transactions.push(disputeBalanceTransaction(ctx, dispute, "countered", 0));
    dispute.status = dispute.status === "warning_needs_response" ? "warning_under_review" : "under_review";
    dispute.evidence_details.has_evidence = true;
    dispute.evidence_details.submission_count += 1;
    dispute.evidence_details.submission_method = "manual";
  }
  ctx.emit("charge.dispute.updated", dispute, previousAttributes(before, dispute));
  return dispute;
}

/** Whether the dispute's evidence was submitted as a counter (its countered fee taken). */
function wasCountered(dispute: WireDispute): boolean {
  return dispute.balance_transactions.some((transaction) => transaction.fee_details.some((detail) => detail.description === "Dispute countered fee"));
}

/** Evidence was submitted: the dispute waits for the bank. Events: charge.dispute.updated. */
export function submitDisputeEvidence(ctx: OperationContext, dispute: WireDispute): WireDispute {
  if (!AWAITING_RESPONSE.has(dispute.status)) {
    throw invalidRequest(`This dispute is ${dispute.status}; evidence can no longer be submitted.`);
  }
  return updateDisputeEvidence(ctx, dispute, { submit: true });
}

/**
 * `POST /v1/disputes/:id/close`: the business accepts the dispute (it has no evidence to
 * submit), which Stripe records as lost. Only while a response is awaited.
 */
export function acceptDispute(ctx: OperationContext, dispute: WireDispute, charge: WireCharge): WireDispute {
  if (!AWAITING_RESPONSE.has(dispute.status)) throw invalidRequest(`This dispute is ${dispute.status} and can no longer be closed.`);
  return closeDispute(ctx, dispute, "lost", charge);
}

/**
 * The bank decides. Won: the withdrawn amount comes back, with the dispute countered fee if it
 * was countered (the dispute fee itself is not returned). Lost: the money stays with the
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
    dispute.balance_transactions.push(
      disputeBalanceTransaction(ctx, dispute, "reinstatement", reinstated, { returnCounteredFee: outcome === "won" && wasCountered(dispute) }),
    );
    ctx.emit("charge.dispute.funds_reinstated", dispute, previousAttributes(beforeReinstating, dispute));
  }
  return dispute;
}
