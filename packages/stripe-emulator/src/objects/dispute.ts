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
