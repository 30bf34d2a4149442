import { noSuch } from "./errors";
import type { EmulatorState } from "./state";

/** Collections that hold top-level objects, with the noun Stripe uses in "No such …" errors. */
const COLLECTIONS = {
  customers: "customer",
  checkoutSessions: "checkout.session",
  paymentIntents: "payment_intent",
  charges: "charge",
  paymentMethods: "PaymentMethod",
  refunds: "refund",
  disputes: "dispute",
  balanceTransactions: "balance transaction",
  prices: "price",
  products: "product",
  subscriptions: "subscription",
  invoices: "invoice",
  invoicePayments: "invoice_payment",
  portalSessions: "billing_portal.session",
  portalConfigurations: "billing_portal.configuration",
} as const;

export type CollectionName = keyof typeof COLLECTIONS;
type ObjectOf<C extends CollectionName> = EmulatorState[C][string];

/**
 * Fetches an object or throws Stripe's error: 404 when the id came from the URL path
 * (`param` null), 400 `resource_missing` naming the param when it came from the request.
 */
export function mustFind<C extends CollectionName>(state: EmulatorState, collection: C, id: string, param: string | null = null): ObjectOf<C> {
  const found = (state[collection] as Record<string, ObjectOf<C>>)[id];
  if (!found) throw noSuch(COLLECTIONS[collection], id, param);
  return found;
}

const PREFIXES: [string, CollectionName][] = [
  ["cus_", "customers"],
  ["cs_", "checkoutSessions"],
  ["pi_", "paymentIntents"],
  ["ch_", "charges"],
  ["pm_", "paymentMethods"],
  ["re_", "refunds"],
  ["dp_", "disputes"],
  ["txn_", "balanceTransactions"],
  ["price_", "prices"],
  ["prod_", "products"],
  ["sub_", "subscriptions"],
  ["in_", "invoices"],
  ["inpay_", "invoicePayments"],
  ["bps_", "portalSessions"],
  ["bpc_", "portalConfigurations"],
];

/** Any stored object by id (what `expand` needs); subscription items live inside subscriptions. */
export function findById(state: EmulatorState, id: string): object | undefined {
  if (id.startsWith("si_")) {
    for (const subscription of Object.values(state.subscriptions)) {
      const item = subscription.items.data.find((candidate) => candidate.id === id);
      if (item) return item;
    }
    return undefined;
  }
  if (id.startsWith("evt_")) return state.events.find((event) => event.id === id);
  const entry = PREFIXES.find(([prefix]) => id.startsWith(prefix));
  return entry ? (state[entry[1]] as Record<string, object>)[id] : undefined;
}

/** True when a string looks like an id the emulator issues (so `expand` may follow it). */
export function looksLikeId(value: string): boolean {
  return value.startsWith("si_") || value.startsWith("evt_") || PREFIXES.some(([prefix]) => value.startsWith(prefix));
}
