import type { OperationContext } from "../context";
import type { WireInvoice, WireInvoicePayment } from "../wire";

/** Stripe's default Smart Retries schedule tries a failed invoice again a few days later. */
export const RETRY_AFTER_SECONDS = 3 * 86_400;

/**
 * An invoice is paid, by card at once or by a bank debit that settled: its default payment and
 * the invoice record it, then `invoice.paid` and `invoice.payment_succeeded`, as Stripe sends them.
 */
export function markInvoicePaid(ctx: OperationContext, invoice: WireInvoice, payment: WireInvoicePayment | undefined, extra: Partial<WireInvoice> = {}): void {
  if (payment) {
    payment.status = "paid";
    payment.amount_paid = invoice.amount_due;
    payment.status_transitions.paid_at = ctx.now;
  }
  Object.assign(invoice, {
    status: "paid",
    amount_paid: invoice.amount_due,
    amount_remaining: 0,
    ...extra,
    auto_advance: false,
    ending_balance: 0,
    next_payment_attempt: null,
    status_transitions: { ...invoice.status_transitions, paid_at: ctx.now },
  } satisfies Partial<WireInvoice>);
  ctx.emit("invoice.paid", invoice);
  ctx.emit("invoice.payment_succeeded", invoice);
}
