import type { OperationContext } from "../context";
import { buildInvoice, buildInvoicePayment, type InvoiceInput } from "../objects/invoice";
import type { WireInvoice, WirePaymentMethod } from "../wire";
import { invalidRequest } from "../errors";
import { invoiceDebitProcessing, startInvoiceBankDebit } from "./bank-debits";
import { markInvoicePaid, RETRY_AFTER_SECONDS } from "./invoice-settled";
import { failAttempt, openPaymentIntent, succeedAttempt } from "./payments";

/**
 * A subscription invoice's life, one step per event Stripe sends for it:
 * draft (`invoice.created`) → open (`invoice.finalized`) → paid (`invoice.paid`,
 * `invoice.payment_succeeded`) or still open after a decline (`invoice.payment_failed`).
 */
export function createDraftInvoice(ctx: OperationContext, input: Omit<InvoiceInput, "created">): WireInvoice {
  const invoice = buildInvoice({ created: ctx.now, ...input });
  ctx.state.invoices[invoice.id] = invoice;
  return invoice;
}

export function announceDraft(ctx: OperationContext, invoice: WireInvoice): void {
  ctx.emit("invoice.created", invoice);
}

/** Numbers the invoice from the customer's sequence and opens a PaymentIntent for it. */
export function finalizeInvoice(ctx: OperationContext, invoice: WireInvoice, setupFutureUsage: "off_session" | null): void {
  const customer = ctx.state.customers[String(invoice.customer)];
  if (customer) {
    const sequence = customer.next_invoice_sequence ?? 1;
    invoice.number = `${customer.invoice_prefix}-${String(sequence).padStart(4, "0")}`;
    customer.next_invoice_sequence = sequence + 1;
  }
  const paymentIntent = openPaymentIntent(ctx, {
    amount: invoice.amount_due,
    currency: invoice.currency,
    customer: typeof invoice.customer === "string" ? invoice.customer : null,
    description: invoice.billing_reason === "subscription_create" ? "Subscription creation" : "Subscription update",
    metadata: {},
    receiptEmail: null,
    setupFutureUsage,
    paymentMethod: null,
  });
  const payment = buildInvoicePayment({ created: ctx.now, invoice, paymentIntent: paymentIntent.id });
  ctx.state.invoicePayments[payment.id] = payment;
  invoice.status = "open";
  invoice.status_transitions.finalized_at = ctx.now;
  invoice.effective_at = ctx.now;
  invoice.webhooks_delivered_at = ctx.now;
  ctx.emit("invoice.finalized", invoice);
}

export function defaultPaymentOf(ctx: OperationContext, invoice: WireInvoice) {
  const payment = Object.values(ctx.state.invoicePayments).find((candidate) => candidate.invoice === invoice.id && candidate.is_default);
  const paymentIntentId = payment?.payment.payment_intent;
  const paymentIntent = typeof paymentIntentId === "string" ? ctx.state.paymentIntents[paymentIntentId] : undefined;
  if (!payment || !paymentIntent) throw new Error(`invoice ${invoice.id} has no payment intent; finalize it first`);
  return { payment, paymentIntent };
}

export function payInvoice(ctx: OperationContext, invoice: WireInvoice, paymentMethod: WirePaymentMethod): void {
  const { payment, paymentIntent } = defaultPaymentOf(ctx, invoice);
  succeedAttempt(ctx, paymentIntent, paymentMethod);
  markInvoicePaid(ctx, invoice, payment, { attempted: true, attempt_count: invoice.attempt_count + 1 });
}

export function failInvoicePayment(
  ctx: OperationContext,
  invoice: WireInvoice,
  paymentMethod: WirePaymentMethod,
  decline: { code: string; declineCode: string; message: string },
): void {
  const { paymentIntent } = defaultPaymentOf(ctx, invoice);
  failAttempt(ctx, paymentIntent, paymentMethod, decline);
  Object.assign(invoice, {
    attempted: true,
    attempt_count: invoice.attempt_count + 1,
    ending_balance: 0,
    next_payment_attempt: ctx.now + RETRY_AFTER_SECONDS,
  } satisfies Partial<WireInvoice>);
  ctx.emit("invoice.payment_failed", invoice);
}

/**
 * `POST /v1/invoices/:id/pay`: charges the subscription's saved card now. A card the
 * fail-renewal helper made decline fails with Stripe's 402 card_error (and invoice.payment_failed).
 */
export function attemptInvoicePayment(ctx: OperationContext, invoice: WireInvoice, paymentMethod: WirePaymentMethod): "paid" | "declined" | "processing" {
  if (paymentMethod.type === "us_bank_account" || paymentMethod.type === "sepa_debit") {
    // A bank account is debited again: processing until it settles, like every bank debit.
    if (invoiceDebitProcessing(ctx, invoice)) {
      throw invalidRequest(
        `This invoice has a payment that is still processing; it can be paid again only if that payment fails.`,
        undefined,
        "invoice_payment_intent_requires_action",
      );
    }
    startInvoiceBankDebit(ctx, invoice, defaultPaymentOf(ctx, invoice).paymentIntent, paymentMethod);
    return "processing";
  }
  if (ctx.state.decliningPaymentMethods[paymentMethod.id]) {
    failInvoicePayment(ctx, invoice, paymentMethod, {
      code: "card_declined",
      declineCode: "generic_decline",
      message: "Your card was declined.",
    });
    return "declined";
  }
  payInvoice(ctx, invoice, paymentMethod);
  return "paid";
}

/**
 * A draft voided without collecting anything, as Stripe does with each invoice of a subscription
 * whose collection is paused with `behavior: void` (invoice.created, then invoice.voided).
 */
export function voidDraftInvoice(ctx: OperationContext, invoice: WireInvoice): void {
  invoice.status = "void";
  invoice.status_transitions.voided_at = ctx.now;
  invoice.amount_remaining = 0;
  ctx.emit("invoice.voided", invoice);
}
