import type Stripe from "stripe";
import type { EventHandler } from "../event-outcome";
import { handleChargeDisputeChanged } from "./charge-dispute-changed";
import { handleChargeRefunded } from "./charge-refunded";
import { handleCheckoutSessionPaid } from "./checkout-session-paid";
import { handleCheckoutSessionPaymentFailed } from "./checkout-session-payment-failed";
import { handleInvoicePaid } from "./invoice-paid";
import { handleInvoicePaymentFailed } from "./invoice-payment-failed";
import { handlePaymentIntentProcessing } from "./payment-intent-processing";
import { handleRefundChanged } from "./refund-changed";
import { handleSubscriptionChanged } from "./subscription-changed";

/** The Stripe events Lantern acts on, one handler file each. Every other type is acknowledged and ignored. */
export const stripeEventHandlers: Partial<Record<Stripe.Event.Type, EventHandler>> = {
  "checkout.session.completed": handleCheckoutSessionPaid,
  "checkout.session.async_payment_succeeded": handleCheckoutSessionPaid,
  "checkout.session.async_payment_failed": handleCheckoutSessionPaymentFailed,
  "invoice.paid": handleInvoicePaid,
  "invoice.payment_failed": handleInvoicePaymentFailed,
  "payment_intent.processing": handlePaymentIntentProcessing,
  "customer.subscription.created": handleSubscriptionChanged,
  "customer.subscription.updated": handleSubscriptionChanged,
  "customer.subscription.deleted": handleSubscriptionChanged,
  "charge.refunded": handleChargeRefunded,
  "charge.refund.updated": handleRefundChanged,
  "refund.updated": handleRefundChanged,
  "refund.failed": handleRefundChanged,
  "charge.dispute.created": handleChargeDisputeChanged,
  "charge.dispute.updated": handleChargeDisputeChanged,
  "charge.dispute.closed": handleChargeDisputeChanged,
  // The money movements: the withdrawal's dispute fee, and a won dispute's returned countered fee,
  // may reach the dispute after its status events did.
  "charge.dispute.funds_withdrawn": handleChargeDisputeChanged,
  "charge.dispute.funds_reinstated": handleChargeDisputeChanged,
};

/** The event types to subscribe the webhook endpoint to (docs/giving-and-stripe.md, `stripe listen --events`). */
export const HANDLED_EVENT_TYPES = Object.keys(stripeEventHandlers) as Stripe.Event.Type[];
