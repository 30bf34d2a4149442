import { newId, newSecret } from "../ids";
import type { WireRefund } from "../wire";

export interface RefundInput {
  created: number;
  amount: number;
  currency: string;
  charge: string;
  paymentIntent: string | null;
  customer: string | null;
  paymentMethod: string | null;
  reason: "duplicate" | "fraudulent" | "requested_by_customer" | null;
  metadata: Record<string, string>;
}

/** A card Refund (fixtures3.json `refund`); test-mode card refunds succeed at once. */
export function buildRefund(input: RefundInput): WireRefund {
  return {
    id: newId("refund"),
    object: "refund",
    amount: input.amount,
    balance_transaction: null,
    charge: input.charge,
    created: input.created,
    currency: input.currency,
    customer: input.customer,
    customer_account: null,
    destination_details: {
      card: {
        reference: newSecret(12),
        reference_status: "available",
        reference_type: "acquirer_reference_number",
        type: "refund",
      },
      type: "card",
    },
    metadata: input.metadata,
    payment_intent: input.paymentIntent,
    payment_method: input.paymentMethod,
    reason: input.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: "succeeded",
    transfer_reversal: null,
  };
}
