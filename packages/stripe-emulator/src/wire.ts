import type Stripe from "stripe";

/**
 * The JSON shape of a Stripe object as it travels over HTTP. The SDK's types describe objects
 * after the SDK has parsed them (decimal strings become `Stripe.Decimal`); the emulator stores
 * and sends the raw JSON, so decimals stay strings here. Everything else is the SDK's own type,
 * which keeps the compiler checking every field the emulator builds.
 */
export type Wire<T> = T extends string | number | boolean | bigint | symbol | null | undefined
  ? T // primitives, including Stripe's `OtherString` (string & Record<never, never>), stay as they are
  : T extends Stripe.Decimal
    ? string
    : T extends (infer U)[]
      ? Wire<U>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

export type WireCustomer = Wire<Stripe.Customer>;
export type WireCheckoutSession = Wire<Stripe.Checkout.Session>;
export type WireLineItem = Wire<Stripe.LineItem>;
export type WirePaymentIntent = Wire<Stripe.PaymentIntent>;
export type WireCharge = Wire<Stripe.Charge>;
export type WirePaymentMethod = Wire<Stripe.PaymentMethod>;
export type WireRefund = Wire<Stripe.Refund>;
export type WirePrice = Wire<Stripe.Price>;
export type WirePlan = Wire<Stripe.Plan>;
export type WireProduct = Wire<Stripe.Product>;
export type WireSubscription = Wire<Stripe.Subscription>;
export type WireSubscriptionItem = Wire<Stripe.SubscriptionItem>;
export type WireInvoice = Wire<Stripe.Invoice>;
export type WireInvoiceLineItem = Wire<Stripe.InvoiceLineItem>;
export type WireInvoicePayment = Wire<Stripe.InvoicePayment>;
export type WirePortalSession = Wire<Stripe.BillingPortal.Session>;
export type WirePortalConfiguration = Wire<Stripe.BillingPortal.Configuration>;
export type WireDispute = Wire<Stripe.Dispute>;

/** A Stripe list envelope (`{ object: "list", data, has_more, url }`). */
export interface WireList<T> {
  object: "list";
  data: T[];
  has_more: boolean;
  url: string;
}

/** Events are typed loosely on `data`: each event type carries a different object. */
export interface WireEvent {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: Stripe.Event.Type;
}

/** Expandable fields hold either an id or the expanded object; stored objects always hold ids. */
export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (value == null) return null;
  return typeof value === "string" ? value : value.id;
}

/** Deep copy through JSON, which is exactly what a stored object becomes on the wire. */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
