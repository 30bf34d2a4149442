import { settlementTime, type TestBankAccount } from "../bank-accounts";
import type { OperationContext } from "../context";
import { chargeBalanceTransaction } from "../objects/balance-transaction";
import { buildBankCharge } from "../objects/charge";
import { buildBankPaymentMethod, type BillingDetailsInput } from "../objects/payment-method";
import { buildPaymentIntent } from "../objects/payment-intent";
import type { BankDebitRecord } from "../state";
import type { WireCharge, WirePaymentIntent, WirePaymentMethod } from "../wire";
import type { CardPaymentInput } from "./payments";

export function createBankPaymentMethod(
  ctx: OperationContext,
  input: { account: TestBankAccount; billing: BillingDetailsInput; customer: string | null },
): WirePaymentMethod {
  const paymentMethod = buildBankPaymentMethod({ created: ctx.now, ...input });
  ctx.state.paymentMethods[paymentMethod.id] = paymentMethod;
  return paymentMethod;
}

/**
 * A PaymentIntent confirmed with a bank account: `processing`, with a `pending` Charge and no
 * balance transaction, until the debit settles (settleBankDebits). Events: payment_intent.processing,
 * charge.pending (emitted by the caller's flow here).
 */
export function startBankDebit(
  ctx: OperationContext,
  input: Omit<CardPaymentInput, "paymentMethod"> & { paymentMethod: WirePaymentMethod; account: TestBankAccount; checkoutSession: string | null },
): { paymentIntent: WirePaymentIntent; charge: WireCharge } {
  const paymentIntent = buildPaymentIntent({ created: ctx.now, ...input, paymentMethod: input.paymentMethod.id });
  const charge = buildBankCharge({
    created: ctx.now,
    amount: paymentIntent.amount,
    currency: paymentIntent.currency,
    customer: input.customer,
    description: paymentIntent.description,
    metadata: { ...paymentIntent.metadata },
    paymentIntent: paymentIntent.id,
    paymentMethod: input.paymentMethod.id,
    billing: { email: input.paymentMethod.billing_details.email, name: input.paymentMethod.billing_details.name },
    receiptEmail: paymentIntent.receipt_email,
    origin: ctx.origin,
    account: input.account,
  });
  Object.assign(paymentIntent, {
    status: "processing",
    latest_charge: charge.id,
    payment_method_types: [input.account.method],
    payment_method_options: {},
  });
  ctx.state.charges[charge.id] = charge;
  ctx.state.paymentIntents[paymentIntent.id] = paymentIntent;
  ctx.state.bankDebits[paymentIntent.id] = {
    paymentIntent: paymentIntent.id,
    checkoutSession: input.checkoutSession,
    settlesAt: settlementTime(input.account.method, ctx.now),
    failure: input.account.failure,
  };
  ctx.emit("payment_intent.processing", paymentIntent);
  ctx.emit("charge.pending", charge);
  return { paymentIntent, charge };
}

/** One debit settles: succeeded (charge with its balance transaction and fee) or failed (the bank returned it). */
function settle(ctx: OperationContext, debit: BankDebitRecord): void {
  delete ctx.state.bankDebits[debit.paymentIntent];
  const paymentIntent = ctx.state.paymentIntents[debit.paymentIntent];
  if (!paymentIntent || paymentIntent.status !== "processing") return;
  const charge = ctx.state.charges[String(paymentIntent.latest_charge)];
  if (!charge) return;
  const session = debit.checkoutSession ? ctx.state.checkoutSessions[debit.checkoutSession] : undefined;
  if (debit.failure) {
    Object.assign(charge, { status: "failed", captured: false, amount_captured: 0, failure_code: debit.failure.code, failure_message: debit.failure.message });
    Object.assign(paymentIntent, {
      status: "requires_payment_method",
      payment_method: null,
      last_payment_error: {
        charge: charge.id,
        code: "payment_method_provider_decline",
        decline_code: debit.failure.code,
        doc_url: "https://docs.stripe.com/error-codes/payment-method-provider-decline",
        message: debit.failure.message,
        payment_method: ctx.state.paymentMethods[String(charge.payment_method)],
        type: "invalid_request_error",
      },
    } as Partial<WirePaymentIntent>);
    ctx.emit("charge.failed", charge);
    ctx.emit("payment_intent.payment_failed", paymentIntent);
    if (session) ctx.emit("checkout.session.async_payment_failed", session);
    return;
  }
  Object.assign(charge, { status: "succeeded", paid: true, receipt_url: `${ctx.origin}/stripe-emulator/receipts/${charge.id}` });
  chargeBalanceTransaction(ctx, charge);
  Object.assign(paymentIntent, { status: "succeeded", amount_received: paymentIntent.amount });
  ctx.emit("charge.succeeded", charge);
  ctx.emit("payment_intent.succeeded", paymentIntent);
  if (session) {
    session.payment_status = "paid";
    ctx.emit("checkout.session.async_payment_succeeded", session);
  }
}

/**
 * The test clock moved to `target`: every bank debit whose settlement time has come settles, at
 * that moment and in that order (automatic events: `request.id` null). With `customer` (a test
 * clock attached to one customer), only that customer's debits.
 */
export function settleBankDebits(
  state: { bankDebits: Record<string, BankDebitRecord>; paymentIntents: Record<string, WirePaymentIntent> },
  target: number,
  contextAt: (now: number) => OperationContext,
  customer: string | null = null,
): void {
  const due = Object.values(state.bankDebits)
    .filter((debit) => debit.settlesAt <= target)
    .filter((debit) => customer === null || state.paymentIntents[debit.paymentIntent]?.customer === customer)
    .sort((a, b) => a.settlesAt - b.settlesAt);
  for (const debit of due) settle(contextAt(debit.settlesAt), debit);
}
