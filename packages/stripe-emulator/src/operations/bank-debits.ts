import { bankAccountOf, settlementTime, type TestBankAccount } from "../bank-accounts";
import { previousAttributes } from "../diff";
import type { OperationContext } from "../context";
import { chargeBalanceTransaction } from "../objects/balance-transaction";
import { buildBankCharge } from "../objects/charge";
import { buildBankPaymentMethod, type BillingDetailsInput } from "../objects/payment-method";
import { buildPaymentIntent } from "../objects/payment-intent";
import type { BankDebitRecord } from "../state";
import { cloneJson, idOf, type WireCharge, type WireInvoice, type WirePaymentIntent, type WirePaymentMethod } from "../wire";
import { markInvoicePaid, RETRY_AFTER_SECONDS } from "./invoice-settled";
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
  return debitIntent(ctx, paymentIntent, { ...input, invoice: null });
}

/** Confirms `paymentIntent` (new or an invoice's) with a bank account: processing, a pending Charge, settled later. */
function debitIntent(
  ctx: OperationContext,
  paymentIntent: WirePaymentIntent,
  input: { paymentMethod: WirePaymentMethod; account: TestBankAccount; checkoutSession: string | null; invoice: string | null },
): { paymentIntent: WirePaymentIntent; charge: WireCharge } {
  const charge = buildBankCharge({
    created: ctx.now,
    amount: paymentIntent.amount,
    currency: paymentIntent.currency,
    customer: typeof paymentIntent.customer === "string" ? paymentIntent.customer : null,
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
    payment_method: input.paymentMethod.id,
    last_payment_error: null,
    payment_method_types: [input.account.method],
    payment_method_options: {},
  });
  ctx.state.charges[charge.id] = charge;
  ctx.state.paymentIntents[paymentIntent.id] = paymentIntent;
  ctx.state.bankDebits[paymentIntent.id] = {
    paymentIntent: paymentIntent.id,
    checkoutSession: input.checkoutSession,
    invoice: input.invoice,
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
  const invoice = debit.invoice ? ctx.state.invoices[debit.invoice] : undefined;
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
    if (invoice) invoiceDebitFailed(ctx, invoice);
    if (session) ctx.emit("checkout.session.async_payment_failed", session);
    return;
  }
  Object.assign(charge, { status: "succeeded", paid: true, receipt_url: `${ctx.origin}/stripe-emulator/receipts/${charge.id}` });
  chargeBalanceTransaction(ctx, charge);
  Object.assign(paymentIntent, { status: "succeeded", amount_received: paymentIntent.amount });
  ctx.emit("charge.succeeded", charge);
  ctx.emit("payment_intent.succeeded", paymentIntent);
  if (invoice) invoiceDebitSucceeded(ctx, invoice);
  if (session) {
    session.payment_status = "paid";
    ctx.emit("checkout.session.async_payment_succeeded", session);
  }
}

/**
 * A subscription invoice (finalized, open) paid by the subscription's saved bank account: the
 * debit starts now and the invoice stays `open` until it settles (events
 * payment_intent.processing, charge.pending); the subscription keeps its status meanwhile, as
 * Stripe's does while an invoice's payment is processing. `failure` forces how it ends (a test
 * helper's failed renewal); otherwise the account decides.
 */
export function startInvoiceBankDebit(
  ctx: OperationContext,
  invoice: WireInvoice,
  paymentIntent: WirePaymentIntent,
  paymentMethod: WirePaymentMethod,
  options: { checkoutSession?: string | null; failure?: { code: string; message: string } } = {},
): void {
  const saved = bankAccountOf(paymentMethod as unknown as Parameters<typeof bankAccountOf>[0]);
  if (!saved) throw new Error(`payment method ${paymentMethod.id} is not a bank account`);
  const account = options.failure ? { ...saved, failure: options.failure } : saved;
  Object.assign(paymentIntent, { payment_method_types: [account.method] });
  debitIntent(ctx, paymentIntent, { paymentMethod, account, checkoutSession: options.checkoutSession ?? null, invoice: invoice.id });
  Object.assign(invoice, { attempted: true, attempt_count: invoice.attempt_count + 1, next_payment_attempt: null } satisfies Partial<WireInvoice>);
}

/** A subscription invoice whose bank debit is still processing (a second attempt on it is refused). */
export function invoiceDebitProcessing(ctx: OperationContext, invoice: WireInvoice): boolean {
  return Object.values(ctx.state.bankDebits).some((debit) => debit.invoice === invoice.id);
}

function invoiceDebitSucceeded(ctx: OperationContext, invoice: WireInvoice): void {
  const payment = Object.values(ctx.state.invoicePayments).find((candidate) => candidate.invoice === invoice.id && candidate.is_default);
  markInvoicePaid(ctx, invoice, payment);
  // A past-due subscription whose latest invoice is now paid is active again.
  const subscription = ctx.state.subscriptions[String(idOf(invoice.parent?.subscription_details?.subscription ?? null))];
  if (subscription && subscription.status === "past_due" && idOf(subscription.latest_invoice) === invoice.id) {
    const before = cloneJson(subscription);
    subscription.status = "active";
    ctx.emit("customer.subscription.updated", subscription, previousAttributes(before, subscription));
  }
}

/** The bank returned an invoice's debit: it stays open with a retry planned, and its subscription goes past_due. */
function invoiceDebitFailed(ctx: OperationContext, invoice: WireInvoice): void {
  Object.assign(invoice, { ending_balance: 0, next_payment_attempt: ctx.now + RETRY_AFTER_SECONDS } satisfies Partial<WireInvoice>);
  ctx.emit("invoice.payment_failed", invoice);
  const subscription = ctx.state.subscriptions[String(idOf(invoice.parent?.subscription_details?.subscription ?? null))];
  if (subscription && (subscription.status === "active" || subscription.status === "trialing") && idOf(subscription.latest_invoice) === invoice.id) {
    const before = cloneJson(subscription);
    subscription.status = "past_due";
    ctx.emit("customer.subscription.updated", subscription, previousAttributes(before, subscription));
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
