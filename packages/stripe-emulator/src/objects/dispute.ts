import { newId } from "../ids";
import { idOf, type WireCharge, type WireDispute } from "../wire";

/** Cardholders have about three weeks to be answered; Stripe sets `evidence_details.due_by`. */
const EVIDENCE_WINDOW_SECONDS = 21 * 86_400;

const NO_EVIDENCE = {
  access_activity_log: null,
  billing_address: null,
  cancellation_policy: null,
  cancellation_policy_disclosure: null,
  cancellation_rebuttal: null,
  customer_communication: null,
  customer_email_address: null,
  customer_name: null,
  customer_purchase_ip: null,
  customer_signature: null,
  duplicate_charge_documentation: null,
  duplicate_charge_explanation: null,
  duplicate_charge_id: null,
  enhanced_evidence: {},
  product_description: null,
  receipt: null,
  refund_policy: null,
  refund_policy_disclosure: null,
  refund_refusal_explanation: null,
  service_date: null,
  service_documentation: null,
  shipping_address: null,
  shipping_carrier: null,
  shipping_date: null,
  shipping_documentation: null,
  shipping_tracking_number: null,
  uncategorized_file: null,
  uncategorized_text: null,
};

/** Stripe's fee for a chargeback, withdrawn with the disputed amount (US accounts: $15). */
const DISPUTE_FEE = 1500;

type WireBalanceTransaction = WireDispute["balance_transactions"][number];

/**
 * The balance transaction a dispute's money movement makes (Stripe's `adjustment`, inline in the
 * dispute's `balance_transactions`): a withdrawal with the dispute fee, or a reinstatement.
 */
export function disputeBalanceTransaction(created: number, dispute: WireDispute, amount: number, withdrawal: boolean): WireBalanceTransaction {
  const fee = withdrawal ? DISPUTE_FEE : 0;
  return {
    id: newId("balanceTransaction"),
    object: "balance_transaction",
    amount,
    available_on: created + 2 * 86_400,
    balance_type: "payments",
    created,
    currency: dispute.currency,
    description: `${withdrawal ? "Chargeback withdrawal" : "Chargeback reversal"} for ${idOf(dispute.charge)}`,
    exchange_rate: null,
    fee,
    fee_details: withdrawal ? [{ amount: fee, application: null, currency: dispute.currency, description: "Dispute fee", type: "stripe_fee" }] : [],
    net: amount - fee,
    reporting_category: withdrawal ? "dispute" : "dispute_reversal",
    source: dispute.id,
    status: "pending",
    type: "adjustment",
  } as WireBalanceTransaction;
}

/** A dispute (chargeback) on a card charge (fixtures3.json `dispute`). */
export function buildDispute(input: { created: number; charge: WireCharge; reason: string; amount: number }): WireDispute {
  const { charge } = input;
  return {
    id: newId("dispute"),
    object: "dispute",
    amount: input.amount,
    balance_transactions: [],
    charge: charge.id,
    created: input.created,
    currency: charge.currency,
    enhanced_eligibility_types: [],
    intended_submission_method: null,
    evidence: NO_EVIDENCE,
    evidence_details: {
      due_by: input.created + EVIDENCE_WINDOW_SECONDS,
      enhanced_eligibility: {},
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      submission_method: "not_submitted",
    },
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: idOf(charge.payment_intent),
    payment_method_details: {
      card: { brand: charge.payment_method_details?.card?.brand ?? "visa", case_type: "chargeback", network: "visa", network_reason_code: "10.4" },
      type: "card",
    },
    reason: input.reason,
    status: "needs_response",
  };
}
