import { newId } from "../ids";
import { formatAmount } from "../money";
import type { WireCustomer, WireInvoice, WireInvoiceLineItem, WireInvoicePayment, WireSubscription, WireSubscriptionItem } from "../wire";

export interface InvoiceLineInput {
  item: WireSubscriptionItem;
  productName: string;
  periodStart: number;
  periodEnd: number;
}

export interface InvoiceInput {
  created: number;
  customer: WireCustomer;
  subscription: WireSubscription;
  billingReason: "subscription_create" | "subscription_cycle" | "subscription_update";
  /** The invoice's own period: for cycle invoices, the period that just ended (Stripe's convention). */
  periodStart: number;
  periodEnd: number;
  lines: InvoiceLineInput[];
}

function lineDescription(line: InvoiceLineInput): string {
  const price = line.item.price;
  const quantity = line.item.quantity ?? 1;
  const interval = price.recurring?.interval ?? "month";
  return `${quantity} × ${line.productName} (at ${formatAmount(price.unit_amount ?? 0, price.currency)} / ${interval})`;
}

function buildLine(invoiceId: string, subscription: WireSubscription, line: InvoiceLineInput): WireInvoiceLineItem {
  const price = line.item.price;
  const amount = (price.unit_amount ?? 0) * (line.item.quantity ?? 1);
  return {
    id: newId("invoiceLineItem"),
    object: "line_item",
    amount,
    currency: price.currency,
    description: lineDescription(line),
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: invoiceId,
    livemode: false,
    // For subscription lines Stripe reports the subscription's metadata here.
    metadata: { ...subscription.metadata },
    parent: {
      invoice_item_details: null,
      subscription_item_details: {
        invoice_item: null,
        proration: false,
        proration_details: { credited_items: null },
        subscription: subscription.id,
        subscription_item: line.item.id,
      },
      type: "subscription_item_details",
    },
    period: { end: line.periodEnd, start: line.periodStart },
    pretax_credit_amounts: [],
    pricing: {
      price_details: { price: price.id, product: typeof price.product === "string" ? price.product : price.product.id },
      type: "price_details",
      unit_amount_decimal: price.unit_amount_decimal,
    },
    quantity: line.item.quantity ?? 1,
    quantity_decimal: String(line.item.quantity ?? 1),
    subscription: subscription.id,
    subtotal: amount,
    taxes: [],
  };
}

/**
 * A draft subscription invoice (fixtures3.json `invoice`). Since API 2025-03-31 the link to
 * the subscription is `parent.subscription_details`, not a top-level `subscription` field.
 */
export function buildInvoice(input: InvoiceInput): WireInvoice {
  const id = newId("invoice");
  const lines = input.lines.map((line) => buildLine(id, input.subscription, line));
  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  return {
    id,
    object: "invoice",
    account_country: "US",
    account_name: null,
    account_tax_ids: null,
    amount_due: total,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: total,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: input.billingReason,
    collection_method: "charge_automatically",
    created: input.created,
    currency: input.subscription.currency,
    custom_fields: null,
    customer: input.customer.id,
    customer_account: null,
    customer_address: null,
    customer_email: input.customer.email,
    customer_name: input.customer.name ?? null,
    customer_phone: null,
    customer_shipping: null,
    customer_tax_exempt: "none",
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: null,
    ending_balance: null,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: "self" },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: "list", data: lines, has_more: false, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: {
      quote_details: null,
      subscription_details: { metadata: { ...input.subscription.metadata }, subscription: input.subscription.id },
      type: "subscription_details",
    },
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: input.periodEnd,
    period_start: input.periodStart,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: { amount_tax_display: null, pdf: { page_size: "auto" }, template: null, template_version: null },
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: "draft",
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: total,
    subtotal_excluding_tax: total,
    test_clock: null,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  };
}

/** Links an invoice to the PaymentIntent that pays it (`invoice.payments`, API 2025-03-31+). */
export function buildInvoicePayment(input: { created: number; invoice: WireInvoice; paymentIntent: string }): WireInvoicePayment {
  return {
    id: newId("invoicePayment"),
    object: "invoice_payment",
    amount_paid: null,
    amount_requested: input.invoice.amount_due,
    created: input.created,
    currency: input.invoice.currency,
    invoice: input.invoice.id,
    is_default: true,
    livemode: false,
    payment: { payment_intent: input.paymentIntent, type: "payment_intent" },
    status: "open",
    status_transitions: { canceled_at: null, paid_at: null },
  };
}
