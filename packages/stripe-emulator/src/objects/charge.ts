import { newId, newSecret } from "../ids";
import type { WireCharge } from "../wire";
import type { TestBankAccount } from "../bank-accounts";
import { bankDetails, billingDetails, type BillingDetailsInput, type TestCard } from "./payment-method";

export interface ChargeInput {
  created: number;
  amount: number;
  currency: string;
  customer: string | null;
  description: string | null;
  metadata: Record<string, string>;
  paymentIntent: string;
  paymentMethod: string;
  card: TestCard;
  billing: BillingDetailsInput;
  receiptEmail: string | null;
  origin: string;
  /** A failed attempt: Stripe's decline code and message. */
  failure?: { code: string; declineCode: string; message: string };
}

/** A card Charge (fixtures3.json `charge`), succeeded or failed. */
export function buildCharge(input: ChargeInput): WireCharge {
  const id = newId("charge");
  const failed = Boolean(input.failure);
  return {
    id,
    object: "charge",
    amount: input.amount,
    amount_captured: failed ? 0 : input.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    // Set for a successful charge by chargeBalanceTransaction (objects/balance-transaction.ts).
    balance_transaction: null,
    billing_details: billingDetails(input.billing),
    calculated_statement_descriptor: "LANTERN TEST MODE",
    captured: !failed,
    created: input.created,
    currency: input.currency,
    customer: input.customer,
    description: input.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: input.failure?.code ?? null,
    failure_message: input.failure?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: input.metadata,
    on_behalf_of: null,
    outcome: failed
      ? {
          advice_code: "try_again_later",
          network_advice_code: null,
          network_decline_code: null,
          network_status: "declined_by_network",
          reason: input.failure?.declineCode ?? null,
          risk_level: "normal",
          risk_score: 20,
          seller_message: "The bank did not return any further details with this decline.",
          type: "issuer_declined",
        }
      : {
          advice_code: null,
          network_advice_code: null,
          network_decline_code: null,
          network_status: "approved_by_network",
          reason: null,
          risk_level: "normal",
          risk_score: 20,
          seller_message: "Payment complete.",
          type: "authorized",
        },
    paid: !failed,
    payment_intent: input.paymentIntent,
    payment_method: input.paymentMethod,
    payment_method_details: {
      card: {
        amount_authorized: failed ? null : input.amount,
        authorization_code: failed ? null : String(100000 + Math.floor(Math.random() * 899999)),
        brand: input.card.brand,
        checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: "pass" },
        country: input.card.country,
        electronic_commerce_indicator: null,
        exp_month: input.card.expMonth,
        exp_year: input.card.expYear,
        extended_authorization: { status: "disabled" },
        fingerprint: input.card.fingerprint,
        funding: input.card.funding,
        incremental_authorization: { status: "unavailable" },
        installments: null,
        last4: input.card.last4,
        mandate: null,
        multicapture: { status: "unavailable" },
        network: input.card.brand,
        network_token: { used: false },
        network_transaction_id: failed ? null : newSecret(15),
        overcapture: { maximum_amount_capturable: input.amount, status: "unavailable" },
        regulated_status: "unregulated",
        three_d_secure: null,
        transaction_link_id: null,
        wallet: null,
      },
      type: "card",
    },
    receipt_email: input.receiptEmail,
    receipt_number: null,
    receipt_url: failed ? null : `${input.origin}/stripe-emulator/receipts/${id}`,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: failed ? "failed" : "succeeded",
    transfer_data: null,
    transfer_group: null,
  };
}

/**
 * A bank debit's Charge: `pending` while the debit is processing (no balance transaction yet),
 * with the bank account in `payment_method_details` (`us_bank_account` or `sepa_debit`).
 * operations/bank-debits.ts moves it to `succeeded` or `failed` when it settles.
 */
export function buildBankCharge(input: Omit<ChargeInput, "card" | "failure"> & { account: TestBankAccount }): WireCharge {
  const { account, ...rest } = input;
  const charge = buildCharge({
    ...rest,
    card: { brand: "", last4: account.last4, expMonth: 0, expYear: 0, fingerprint: account.fingerprint, funding: "", country: account.country },
  });
  return {
    ...charge,
    status: "pending",
    paid: false,
    receipt_url: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: "approved_by_network",
      reason: null,
      risk_level: "not_assessed",
      risk_score: 0,
      seller_message: "Payment complete.",
      type: "authorized",
    },
    payment_method_details: { type: account.method, ...bankDetails(account) } as unknown as WireCharge["payment_method_details"],
  };
}
