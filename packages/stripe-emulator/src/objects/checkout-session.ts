import type Stripe from "stripe";
import { newId } from "../ids";
import type { WireCheckoutSession, WireLineItem, WirePrice } from "../wire";

export interface CheckoutSessionInput {
  created: number;
  expiresAt: number;
  mode: "payment" | "subscription";
  currency: string;
  amountSubtotal: number;
  amountTotal: number;
  customer: string | null;
  customerEmail: string | null;
  customerCreation: "always" | "if_required" | null;
  submitType: Stripe.Checkout.Session.SubmitType | null;
  /** `custom_text`'s messages shown beside and after the submit button. */
  customText: { submit: string | null; afterSubmit: string | null };
  metadata: Record<string, string>;
  successUrl: string | null;
  cancelUrl: string | null;
  clientReferenceId: string | null;
  locale: Stripe.Checkout.Session.Locale | null;
  billingAddressCollection: "auto" | "required" | null;
  allowPromotionCodes: boolean | null;
  phoneNumberCollection: boolean;
  /** Public origin the browser reaches the app on; the hosted page lives under it. */
  origin: string;
}

/** An open hosted Checkout Session (fixtures3.json `checkout.session`). */
export function buildCheckoutSession(input: CheckoutSessionInput): WireCheckoutSession {
  const id = newId("checkoutSession");
  const payment = input.mode === "payment";
  return {
    id,
    object: "checkout.session",
    adaptive_pricing: { enabled: false },
    after_expiration: null,
    allow_promotion_codes: input.allowPromotionCodes,
    allowed_payment_method_types: null,
    amount_subtotal: input.amountSubtotal,
    amount_total: input.amountTotal,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: input.billingAddressCollection,
    cancel_url: input.cancelUrl,
    client_reference_id: input.clientReferenceId,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: input.created,
    currency: input.currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: {
      after_submit: input.customText.afterSubmit === null ? null : { message: input.customText.afterSubmit },
      shipping_address: null,
      submit: input.customText.submit === null ? null : { message: input.customText.submit },
      terms_of_service_acceptance: null,
    },
    customer: input.customer,
    customer_account: null,
    customer_creation: input.customerCreation,
    customer_details: null,
    customer_email: input.customerEmail,
    discounts: [],
    expires_at: input.expiresAt,
    integration_identifier: null,
    invoice: null,
    invoice_creation: payment
      ? {
          enabled: false,
          invoice_data: {
            account_tax_ids: null,
            custom_fields: null,
            description: null,
            footer: null,
            issuer: null,
            metadata: {},
            rendering_options: null,
          },
        }
      : null,
    livemode: false,
    locale: input.locale,
    managed_payments: null,
    metadata: input.metadata,
    mode: input.mode,
    origin_context: null,
    // Stripe creates the PaymentIntent only when the customer pays (API 2022-08-01+).
    payment_intent: null,
    payment_link: null,
    payment_method_collection: payment ? null : "always",
    payment_method_configuration_details: null,
    payment_method_options: { card: { request_three_d_secure: "automatic" } },
    payment_method_types: ["card"],
    payment_status: "unpaid",
    permissions: null,
    phone_number_collection: { enabled: input.phoneNumberCollection },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "open",
    submit_type: input.submitType,
    subscription: null,
    success_url: input.successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted_page",
    url: `${input.origin}/stripe-emulator/checkout/${id}`,
    wallet_options: null,
  };
}

/** A Checkout line item (`item`, fixtures3.json `item`); its price is always embedded. */
export function buildCheckoutLineItem(input: { price: WirePrice; quantity: number; description: string }): WireLineItem {
  const amount = (input.price.unit_amount ?? 0) * input.quantity;
  return {
    id: newId("checkoutLineItem"),
    object: "item",
    adjustable_quantity: null,
    amount_discount: 0,
    amount_subtotal: amount,
    amount_tax: 0,
    amount_total: amount,
    currency: input.price.currency,
    description: input.description,
    metadata: {},
    price: input.price,
    quantity: input.quantity,
  };
}
