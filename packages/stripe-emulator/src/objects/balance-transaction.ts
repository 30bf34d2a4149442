import type Stripe from "stripe";
import type { OperationContext } from "../context";
import { chargeSettlement, disputeCounteredFee, disputeFee, toSettlement, type FeeMethod } from "../fees";
import { newId } from "../ids";
import type { Wire, WireCharge, WireDispute, WireRefund } from "../wire";

export type WireBalanceTransaction = Wire<Stripe.BalanceTransaction>;

/** US accounts' standard payout schedule: card funds are available two days later, ACH four. */
const AVAILABLE_AFTER_SECONDS: Record<FeeMethod, number> = { card: 2 * 86_400, us_bank_account: 4 * 86_400, sepa_debit: 7 * 86_400 };

interface BalanceTransactionInput {
  created: number;
  /** In the account's currency (converted already when the money moved in another). */
  amount: number;
  currency: string;
  exchangeRate: number | null;
  fee: number;
  feeDescription: string;
  description: string | null;
  availableAfter: number;
  reportingCategory: string;
  type: Stripe.BalanceTransaction.Type;
  source: string;
}

/** A balance transaction (fixtures3.json `balance_transaction`): how one money movement changed the balance, with Stripe's fee. */
export function buildBalanceTransaction(input: BalanceTransactionInput): WireBalanceTransaction {
  return {
    id: newId("balanceTransaction"),
    object: "balance_transaction",
    amount: input.amount,
    available_on: input.created + input.availableAfter,
    balance_type: "payments",
    created: input.created,
    currency: input.currency,
    description: input.description,
    exchange_rate: input.exchangeRate,
    fee: input.fee,
    fee_details:
      input.fee === 0 ? [] : [{ amount: input.fee, application: null, currency: input.currency, description: input.feeDescription, type: "stripe_fee" }],
    net: input.amount - input.fee,
    reporting_category: input.reportingCategory,
    source: input.source,
    status: "pending",
    type: input.type,
  };
}

function store(ctx: OperationContext, transaction: WireBalanceTransaction): WireBalanceTransaction {
  ctx.state.balanceTransactions[transaction.id] = transaction;
  return transaction;
}

/** The payment method a charge was paid with, as the fee table names it. */
export function feeMethodOf(charge: WireCharge): FeeMethod {
  const type = charge.payment_method_details?.type;
  return type === "us_bank_account" || type === "sepa_debit" ? type : "card";
}

/**
 * A successful charge's balance transaction (type `charge` for cards, `payment` for bank debits,
 * as Stripe reports them): the amount in the account's currency (converted, with
 * `exchange_rate`, when the charge's is another), Stripe's processing fee for the method, card
 * country, currency and the account's pricing plan, and the net. Stored and linked from the charge.
 */
export function chargeBalanceTransaction(ctx: OperationContext, charge: WireCharge): WireBalanceTransaction {
  const method = feeMethodOf(charge);
  const settled = chargeSettlement({
    method,
    amount: charge.amount,
    currency: charge.currency,
    cardCountry: charge.payment_method_details?.card?.country ?? null,
    plan: ctx.pricing,
  });
  const transaction = store(
    ctx,
    buildBalanceTransaction({
      created: ctx.now,
      amount: settled.amount,
      currency: settled.currency,
      exchangeRate: settled.exchangeRate,
      fee: settled.fee,
      feeDescription: "Stripe processing fees",
      description: charge.description,
      availableAfter: AVAILABLE_AFTER_SECONDS[method],
      reportingCategory: "charge",
      type: method === "card" ? "charge" : "payment",
      source: charge.id,
    }),
  );
  charge.balance_transaction = transaction.id;
  return transaction;
}

/** A refund's balance transaction: the amount leaves the balance, with no fee (and the charge's fee is not returned). */
export function refundBalanceTransaction(ctx: OperationContext, refund: WireRefund): WireBalanceTransaction {
  const settled = toSettlement(-refund.amount, refund.currency);
  const transaction = store(
    ctx,
    buildBalanceTransaction({
      created: ctx.now,
      amount: settled.amount,
      currency: settled.currency,
      exchangeRate: settled.exchangeRate,
      fee: 0,
      feeDescription: "",
      description: "REFUND FOR CHARGE",
      availableAfter: 0,
      reportingCategory: "refund",
      type: "refund",
      source: refund.id,
    }),
  );
  refund.balance_transaction = transaction.id;
  return transaction;
}

/** A failed refund puts the amount back in the balance (type `refund_failure`), linked as the refund's failure_balance_transaction. */
export function refundFailureBalanceTransaction(ctx: OperationContext, refund: WireRefund): WireBalanceTransaction {
  const settled = toSettlement(refund.amount, refund.currency);
  const transaction = store(
    ctx,
    buildBalanceTransaction({
      created: ctx.now,
      amount: settled.amount,
      currency: settled.currency,
      exchangeRate: settled.exchangeRate,
      fee: 0,
      feeDescription: "",
      description: "REFUND FAILURE",
      availableAfter: 0,
      reportingCategory: "refund_failure",
      type: "refund_failure",
      source: refund.id,
    }),
  );
  refund.failure_balance_transaction = transaction.id;
  return transaction;
}

export type DisputeMovement = "withdrawal" | "countered" | "reinstatement";

const DISPUTE_MOVEMENTS: Record<DisputeMovement, { description: string; reportingCategory: string; feeDescription: string }> = {
  withdrawal: { description: "Chargeback withdrawal", reportingCategory: "dispute", feeDescription: "Dispute fee" },
  countered: { description: "Dispute countered fee", reportingCategory: "dispute", feeDescription: "Dispute countered fee" },
  reinstatement: { description: "Chargeback reversal", reportingCategory: "dispute_reversal", feeDescription: "Dispute countered fee returned" },
};

/**
 * A dispute's money movement (Stripe's `adjustment`, inline in the dispute's
 * `balance_transactions` and retrievable by id), in the account's currency: the withdrawal of the
 * disputed amount with the dispute fee; when evidence is submitted, the dispute countered fee
 * (no amount); and the reinstatement, which returns the amount and, for a dispute won after it
 * was countered, the countered fee (a negative fee), never the dispute fee itself.
 */
export function disputeBalanceTransaction(
  ctx: OperationContext,
  dispute: WireDispute,
  movement: DisputeMovement,
  amount: number,
  options: { returnCounteredFee?: boolean } = {},
): WireBalanceTransaction {
  const chargeId = typeof dispute.charge === "string" ? dispute.charge : dispute.charge.id;
  const settled = toSettlement(amount, dispute.currency);
  const fee =
    movement === "withdrawal" ? disputeFee() : movement === "countered" ? disputeCounteredFee() : options.returnCounteredFee ? -disputeCounteredFee() : 0;
  const kind = DISPUTE_MOVEMENTS[movement];
  return store(
    ctx,
    buildBalanceTransaction({
      created: ctx.now,
      amount: settled.amount,
      currency: settled.currency,
      exchangeRate: settled.exchangeRate,
      fee,
      feeDescription: kind.feeDescription,
      description: `${kind.description} for ${chargeId}`,
      availableAfter: 2 * 86_400,
      reportingCategory: kind.reportingCategory,
      type: "adjustment",
      source: dispute.id,
    }),
  );
}
