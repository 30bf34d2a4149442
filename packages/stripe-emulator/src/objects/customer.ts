import { newId, newInvoicePrefix } from "../ids";
import type { WireCustomer } from "../wire";

export interface CustomerInput {
  created: number;
  email: string | null;
  name: string | null;
  description?: string | null;
  phone?: string | null;
  address?: WireCustomer["address"];
  shipping?: WireCustomer["shipping"];
  metadata?: Record<string, string>;
}

/** A Customer as Stripe returns it (shape: fixtures3.json `customer`). */
export function buildCustomer(input: CustomerInput): WireCustomer {
  return {
    id: newId("customer"),
    object: "customer",
    address: input.address ?? null,
    balance: 0,
    created: input.created,
    currency: null,
    default_source: null,
    delinquent: false,
    description: input.description ?? null,
    discount: null,
    email: input.email,
    invoice_prefix: newInvoicePrefix(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: input.metadata ?? {},
    name: input.name,
    next_invoice_sequence: 1,
    phone: input.phone ?? null,
    preferred_locales: [],
    shipping: input.shipping ?? null,
    tax_exempt: "none",
    test_clock: null,
  };
}
