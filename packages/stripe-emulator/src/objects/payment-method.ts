import { newId } from "../ids";
import type { WirePaymentMethod } from "../wire";

/** The card details the emulator's test cards produce. */
export interface TestCard {
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  fingerprint: string;
  funding: string;
  country: string;
}

export interface BillingDetailsInput {
  email: string | null;
  name: string | null;
}

export function billingDetails(input: BillingDetailsInput) {
  return {
    address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
    email: input.email,
    name: input.name,
    phone: null,
    tax_id: null,
  };
}

/** A card PaymentMethod (fixtures3.json `payment_method`), as Checkout creates on payment. */
export function buildPaymentMethod(input: { created: number; card: TestCard; billing: BillingDetailsInput; customer: string | null }): WirePaymentMethod {
  return {
    id: newId("paymentMethod"),
    object: "payment_method",
    allow_redisplay: "limited",
    billing_details: billingDetails(input.billing),
    card: {
      brand: input.card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: "pass" },
      country: input.card.country,
      display_brand: input.card.brand,
      exp_month: input.card.expMonth,
      exp_year: input.card.expYear,
      fingerprint: input.card.fingerprint,
      funding: input.card.funding,
      generated_from: null,
      last4: input.card.last4,
      networks: { available: [input.card.brand], preferred: null },
      regulated_status: "unregulated",
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: input.created,
    customer: input.customer,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: "card",
  };
}
