import { newId } from "../ids";
import type { WirePrice, WireSubscription, WireSubscriptionItem } from "../wire";
import { planFromPrice } from "./product";

export interface SubscriptionItemInput {
  created: number;
  subscription: string;
  price: WirePrice;
  quantity: number;
  periodStart: number;
  periodEnd: number;
  metadata?: Record<string, string>;
}

/**
 * A subscription item (fixtures3.json `subscription_item`). Since API 2025-03-31 the billing
 * period lives here (`current_period_start/end`), not on the subscription.
 */
export function buildSubscriptionItem(input: SubscriptionItemInput): WireSubscriptionItem {
  return {
    id: newId("subscriptionItem"),
    object: "subscription_item",
    billing_thresholds: null,
    created: input.created,
    current_period_end: input.periodEnd,
    current_period_start: input.periodStart,
    current_trial: null,
    discounts: [],
    metadata: input.metadata ?? {},
    plan: planFromPrice(input.price),
    price: input.price,
    quantity: input.quantity,
    subscription: input.subscription,
    tax_rates: [],
  };
}

export interface SubscriptionInput {
  id: string;
  created: number;
  customer: string;
  currency: string;
  description: string | null;
  metadata: Record<string, string>;
  items: WireSubscriptionItem[];
  defaultPaymentMethod: string | null;
  latestInvoice: string | null;
}

/** An active subscription (fixtures3.json `subscription`) billed automatically from `created`. */
export function buildSubscription(input: SubscriptionInput): WireSubscription {
  return {
    id: input.id,
    object: "subscription",
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: input.created,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: { proration_discounts: "included" }, type: "flexible", updated_at: input.created },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
    collection_method: "charge_automatically",
    created: input.created,
    currency: input.currency,
    customer: input.customer,
    customer_account: null,
    days_until_due: null,
    default_payment_method: input.defaultPaymentMethod,
    default_source: null,
    default_tax_rates: [],
    description: input.description,
    discounts: [],
    ended_at: null,
    invoice_settings: { account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: { type: "self" } },
    items: {
      object: "list",
      data: input.items,
      has_more: false,
      url: `/v1/subscription_items?subscription=${input.id}`,
    },
    latest_invoice: input.latestInvoice,
    livemode: false,
    managed_payments: null,
    metadata: input.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: "off" },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: input.created,
    status: "active",
    test_clock: null,
    transfer_data: null,
    trial_end: null,
    trial_settings: { end_behavior: { billing_cycle_anchor: "unchanged", missing_payment_method: "create_invoice" } },
    trial_start: null,
  };
}

/** A subscription's amount per period: Σ unit_amount × quantity over its items. */
export function subscriptionAmount(subscription: WireSubscription): number {
  return subscription.items.data.reduce((sum, item) => sum + (item.price.unit_amount ?? 0) * (item.quantity ?? 1), 0);
}
