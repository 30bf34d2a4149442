import type Stripe from "stripe";
import type { EventHandler } from "../event-outcome";
import { handleCheckoutSessionPaid } from "./checkout-session-paid";
import { handleCheckoutSessionPaymentFailed } from "./checkout-session-payment-failed";
import { handleInvoicePaid } from "./invoice-paid";
import { handleSubscriptionChanged } from "./subscription-changed";

/** The Stripe events Lantern acts on, one handler file each. Every other type is acknowledged and ignored. */
export const stripeEventHandlers: Partial<Record<Stripe.Event.Type, EventHandler>> = {
  "checkout.session.completed": handleCheckoutSessionPaid,
  "checkout.session.async_payment_succeeded": handleCheckoutSessionPaid,
  "checkout.session.async_payment_failed": handleCheckoutSessionPaymentFailed,
  "invoice.paid": handleInvoicePaid,
  "customer.subscription.created": handleSubscriptionChanged,
  "customer.subscription.updated": handleSubscriptionChanged,
  "customer.subscription.deleted": handleSubscriptionChanged,
};

/** The event types to subscribe the webhook endpoint to (README, `stripe listen --events`). */
export const HANDLED_EVENT_TYPES = Object.keys(stripeEventHandlers) as Stripe.Event.Type[];
