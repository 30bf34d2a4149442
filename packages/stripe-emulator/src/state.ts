import type { WireBalanceTransaction } from "./objects/balance-transaction";
import type {
  WireCharge,
  WireCheckoutSession,
  WireCustomer,
  WireDispute,
  WireEvent,
  WireInvoice,
  WireInvoicePayment,
  WireLineItem,
  WirePaymentIntent,
  WirePaymentMethod,
  WirePortalConfiguration,
  WirePortalSession,
  WirePrice,
  WireProduct,
  WireRefund,
  WireSubscription,
} from "./wire";

export interface CheckoutSessionData {
  lineItems: WireLineItem[];
  paymentIntentData: {
    description: string | null;
    metadata: Record<string, string>;
    receiptEmail: string | null;
    setupFutureUsage: "off_session" | "on_session" | null;
  };
  subscriptionData: { description: string | null; metadata: Record<string, string> };
}

/** A saved idempotent response (Stripe keeps them for 24 hours). */
export interface IdempotencyRecord {
  key: string;
  method: string;
  path: string;
  fingerprint: string;
  status: number;
  body: string;
  requestId: string;
  created: number;
}

/**
 * Everything the emulator knows, as plain JSON so it can be written to disk as is.
 * Objects are stored unexpanded (related objects by id), exactly as Stripe returns them by default.
 * Maps keep insertion order, which is creation order: lists read them newest first.
 */
/** A bank debit waiting to settle: at `settlesAt` it succeeds, or fails with `failure`. */
export interface BankDebitRecord {
  paymentIntent: string;
  checkoutSession: string | null;
  /** A subscription's invoice this debit pays (its first or a renewal); null for a one-off payment. */
  invoice?: string | null;
  settlesAt: number;
  failure: { code: string; message: string } | null;
}

export interface EmulatorState {
  version: 1;
  customers: Record<string, WireCustomer>;
  checkoutSessions: Record<string, WireCheckoutSession>;
  /** What a session keeps that is not on the session object: its line items and the data for
   * the PaymentIntent or Subscription it will create. */
  checkoutSessionData: Record<string, CheckoutSessionData>;
  paymentIntents: Record<string, WirePaymentIntent>;
  charges: Record<string, WireCharge>;
  paymentMethods: Record<string, WirePaymentMethod>;
  refunds: Record<string, WireRefund>;
  disputes: Record<string, WireDispute>;
  /** Every balance transaction (charges, refunds, refund failures, disputes), by id. */
  balanceTransactions: Record<string, WireBalanceTransaction>;
  prices: Record<string, WirePrice>;
  products: Record<string, WireProduct>;
  subscriptions: Record<string, WireSubscription>;
  invoices: Record<string, WireInvoice>;
  invoicePayments: Record<string, WireInvoicePayment>;
  portalSessions: Record<string, WirePortalSession>;
  /** When each portal session was first opened (unix seconds): it expires an hour later (pages/portal-page.ts). */
  portalSessionsOpenedAt: Record<string, number>;
  /** Portal settings: the default one is what the dashboard saves; others come from the API. */
  portalConfigurations: Record<string, WirePortalConfiguration>;
  /** Oldest first. */
  events: WireEvent[];
  /** Event ids still to be delivered to the webhook endpoint, in order. */
  webhookQueue: string[];
  idempotency: Record<string, IdempotencyRecord>;
  /** Saved cards that now decline (set by the fail-renewal test helper, cleared by renew). */
  decliningPaymentMethods: Record<string, true>;
  /** Refunds (of 4000 0000 0000 5126 charges) that will fail, by id: the unix second from which they do. */
  refundFailures: Record<string, number>;
  /** Bank debits still processing, by PaymentIntent id: they settle when the clock reaches `settlesAt` (operations/bank-debits.ts). */
  bankDebits: Record<string, BankDebitRecord>;
  /** Seconds the emulator's clock runs ahead of the real (or injected) one: moved by the clock test helper. */
  clockOffset: number;
  /** A customer's own clock (unix seconds), once moved with `customer` (like a Stripe test clock attached to that customer). */
  customerClocks: Record<string, number>;
}

export function emptyState(): EmulatorState {
  return {
    version: 1,
    customers: {},
    checkoutSessions: {},
    checkoutSessionData: {},
    paymentIntents: {},
    charges: {},
    paymentMethods: {},
    refunds: {},
    disputes: {},
    balanceTransactions: {},
    prices: {},
    products: {},
    subscriptions: {},
    invoices: {},
    invoicePayments: {},
    portalSessions: {},
    portalSessionsOpenedAt: {},
    portalConfigurations: {},
    events: [],
    webhookQueue: [],
    idempotency: {},
    decliningPaymentMethods: {},
    refundFailures: {},
    bankDebits: {},
    clockOffset: 0,
    customerClocks: {},
  };
}

/** Accepts a parsed file; missing collections (older files) start empty. */
export function reviveState(parsed: unknown): EmulatorState {
  if (typeof parsed !== "object" || parsed === null || (parsed as { version?: unknown }).version !== 1) {
    throw new Error("not a Stripe emulator state file (version 1)");
  }
  return { ...emptyState(), ...(parsed as Partial<EmulatorState>) };
}
