import "server-only";
import type Stripe from "stripe";
import { minorUnitDigits } from "@/lib/money/money";
import type { Settlement } from "@/lib/donations/gift-fees";
import { idOf } from "./stripe-objects";

/**
 * Stripe's fees, read from balance transactions (what Stripe actually took, not an estimate),
 * in the gift's currency. A balance transaction is in the account's settlement currency: when
 * Stripe converted the payment, its `exchange_rate` turns the fee back (amount in the payment's
 * currency × rate = amount in the balance's), taking each currency's minor units into account.
 */
export function feeIn(transaction: Pick<Stripe.BalanceTransaction, "fee" | "currency" | "exchange_rate">, currency: string): number {
  if (transaction.currency.toUpperCase() === currency.toUpperCase() || !transaction.exchange_rate) return transaction.fee;
  const settled = transaction.fee / 10 ** minorUnitDigits(transaction.currency.toUpperCase());
  return Math.round((settled / transaction.exchange_rate) * 10 ** minorUnitDigits(currency.toUpperCase()));
}

type SettlementSource = Pick<Stripe.BalanceTransaction, "amount" | "fee" | "currency" | "exchange_rate">;

/** The sum of some balance transactions of one account (one currency); null when there are none. */
export function settlementOf(transactions: readonly (SettlementSource | null)[]): Settlement | null {
  const present = transactions.filter((transaction): transaction is SettlementSource => transaction !== null);
  if (present.length === 0) return null;
  return {
    currency: present[0]!.currency.toUpperCase(),
    amount: present.reduce((sum, transaction) => sum + transaction.amount, 0),
    fee: present.reduce((sum, transaction) => sum + transaction.fee, 0),
    exchangeRate: present[0]!.exchange_rate ?? null,
  };
}

function expandedTransaction(value: string | Stripe.BalanceTransaction | null | undefined): Stripe.BalanceTransaction | null {
  return value && typeof value === "object" ? value : null;
}

export interface PaymentFee {
  chargeId: string | null;
  /** Null while Stripe has not made the balance transaction yet (a payment still processing). */
  amount: number | null;
  balanceTransactionId: string | null;
  /** The payment as Stripe settled it; null while there is no balance transaction. */
  settlement: Settlement | null;
  /** Stripe's payment method type of the charge (card, us_bank_account, sepa_debit…), when known. */
  methodType?: string | null;
  /** The PaymentIntent's status as read (a bank debit's retry may be processing again). */
  paymentIntentStatus?: Stripe.PaymentIntent.Status;
}

/** What to expand on a PaymentIntent (or, prefixed, on an object that links one) for paymentFee to need no read of its own. */
export const PAYMENT_FEE_EXPANSION = "latest_charge.balance_transaction";

/**
 * The fee of the payment a PaymentIntent made: its latest charge's balance transaction, read
 * from Stripe now with `expand` (webhooks re-read state rather than trust the payload). A
 * PaymentIntent already read with PAYMENT_FEE_EXPANSION (e.g. expanded in the session's own
 * read) costs no further request.
 */
export async function paymentFee(stripe: Stripe, paymentIntentRef: string | Stripe.PaymentIntent | null, currency: string): Promise<PaymentFee | null> {
  if (!paymentIntentRef) return null;
  const expanded = typeof paymentIntentRef === "object" && typeof paymentIntentRef.latest_charge === "object" ? paymentIntentRef : null;
  const paymentIntent = expanded ?? (await stripe.paymentIntents.retrieve(idOf(paymentIntentRef)!, { expand: [PAYMENT_FEE_EXPANSION] }));
  const charge = paymentIntent.latest_charge && typeof paymentIntent.latest_charge === "object" ? paymentIntent.latest_charge : null;
  if (!charge)
    return {
      chargeId: idOf(paymentIntent.latest_charge),
      amount: null,
      balanceTransactionId: null,
      settlement: null,
      paymentIntentStatus: paymentIntent.status,
    };
  return { chargeId: charge.id, ...chargeFee(charge, currency), paymentIntentStatus: paymentIntent.status };
}

/** A charge's fee from its balance transaction (retrieved with it expanded), in the gift's currency and as Stripe settled it. */
export function chargeFee(charge: Stripe.Charge, currency: string): Omit<PaymentFee, "chargeId"> {
  const transaction = expandedTransaction(charge.balance_transaction);
  return {
    amount: transaction ? feeIn(transaction, currency) : null,
    balanceTransactionId: idOf(charge.balance_transaction),
    settlement: settlementOf([transaction]),
    methodType: charge.payment_method_details?.type ?? null,
  };
}

/** A refund's fees: on its own balance transaction and, once failed, its failure's (list or retrieve it with both expanded). */
export function refundFee(refund: Stripe.Refund, currency: string): number {
  return [refund.balance_transaction, refund.failure_balance_transaction]
    .map(expandedTransaction)
    .reduce((sum, transaction) => sum + (transaction ? feeIn(transaction, currency) : 0), 0);
}

/** A refund's balance transactions as Stripe settled them (the refund's and its failure's, summed). */
export function refundSettlement(refund: Stripe.Refund): Settlement | null {
  return settlementOf([expandedTransaction(refund.balance_transaction), expandedTransaction(refund.failure_balance_transaction)]);
}

/** The expansions refundFee needs on a refund (or `data.` + these on a list). */
export const REFUND_FEE_EXPANSIONS = ["balance_transaction", "failure_balance_transaction"] as const;

/**
 * A dispute's fees: its balance transactions come inline (the withdrawal with the dispute fee;
 * the dispute countered fee once evidence is submitted; the reinstatement, which returns the
 * countered fee as a negative fee when the dispute is won).
 */
export function disputeFee(dispute: Stripe.Dispute, currency: string): number {
  return (dispute.balance_transactions ?? []).reduce((sum, transaction) => sum + feeIn(transaction, currency), 0);
}

/** A dispute's balance transactions as Stripe settled them (withdrawal, countered fee, reinstatement, summed). */
export function disputeSettlement(dispute: Stripe.Dispute): Settlement | null {
  return settlementOf(dispute.balance_transactions ?? []);
}
