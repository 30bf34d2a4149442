/**
 * An in-memory Stripe for handler tests: objects start from Stripe's own samples
 * (../shared/stripe/fixtures3.json, copied into tests/support/stripe-samples.json), and the real
 * `stripe` SDK talks to it through a fetch function, so requests and responses go through the
 * same parsing as in production. It answers the few calls the webhook handlers and checkout
 * creation make, and records every request.
 */
import { randomBytes } from "node:crypto";
import qs from "qs";
import Stripe from "stripe";
import samples from "./stripe-samples.json";

type Json = Record<string, unknown>;

export interface RecordedRequest {
  method: string;
  path: string;
  params: Json;
  idempotencyKey: string | null;
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const id = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

function sample(name: keyof typeof samples): Json {
  return clone(samples[name]) as Json;
}

export class FakeStripe {
  readonly customers = new Map<string, Stripe.Customer>();
  readonly sessions = new Map<string, Stripe.Checkout.Session>();
  readonly subscriptions = new Map<string, Stripe.Subscription>();
  readonly invoices = new Map<string, Stripe.Invoice>();
  readonly charges = new Map<string, Stripe.Charge>();
  readonly disputes = new Map<string, Stripe.Dispute>();
  readonly requests: RecordedRequest[] = [];
  /** Set to make the next requests fail as if Stripe were unreachable. */
  failRequests = false;
  private readonly idempotent = new Map<string, Json>();

  readonly client: Stripe = new Stripe("sk_test_fake_for_tests", {
    httpClient: Stripe.createFetchHttpClient(this.fetch.bind(this) as typeof fetch),
    maxNetworkRetries: 0,
  });

  private async fetch(input: string | URL, init?: RequestInit): Promise<Response> {
    const url = new URL(String(input));
    const method = init?.method ?? "GET";
    const body = typeof init?.body === "string" ? init.body : "";
    const params = qs.parse(method === "GET" ? url.search.slice(1) : body) as Json;
    const headers = new Headers(init?.headers);
    const idempotencyKey = headers.get("idempotency-key");
    this.requests.push({ method, path: url.pathname, params, idempotencyKey });
    if (this.failRequests) return Response.json({ error: { type: "api_error", message: "Stripe is down (test)" } }, { status: 500 });

    const match = (pattern: RegExp) => pattern.exec(url.pathname);
    let found: unknown;
    let m: RegExpExecArray | null;
    if (method === "POST" && url.pathname === "/v1/checkout/sessions") {
      if (idempotencyKey && this.idempotent.has(idempotencyKey)) return Response.json(this.idempotent.get(idempotencyKey));
      const session = this.createSession(params);
      if (idempotencyKey) this.idempotent.set(idempotencyKey, session as unknown as Json);
      return Response.json(session);
    }
    if ((m = match(/^\/v1\/checkout\/sessions\/([^/]+)$/))) found = this.sessions.get(m[1]!);
    else if ((m = match(/^\/v1\/subscriptions\/([^/]+)$/))) found = this.subscriptions.get(m[1]!);
    else if ((m = match(/^\/v1\/invoices\/([^/]+)$/))) found = this.invoices.get(m[1]!);
    else if ((m = match(/^\/v1\/customers\/([^/]+)$/))) found = this.customers.get(m[1]!);
    else if ((m = match(/^\/v1\/charges\/([^/]+)$/))) found = this.charges.get(m[1]!);
    else if ((m = match(/^\/v1\/disputes\/([^/]+)$/))) found = this.disputes.get(m[1]!);
    if (found) return Response.json(found);
    return Response.json(
      { error: { type: "invalid_request_error", code: "resource_missing", message: `No such object: ${url.pathname}` } },
      { status: 404 },
    );
  }

  private createSession(params: Json): Stripe.Checkout.Session {
    const lineItems = (params.line_items as Json[] | undefined) ?? [];
    const total = lineItems.reduce((sum, line) => sum + Number((line.price_data as Json).unit_amount) * Number(line.quantity ?? 1), 0);
    const session = this.session({
      mode: params.mode as Stripe.Checkout.Session.Mode,
      amount_total: total,
      currency: String((lineItems[0]?.price_data as Json | undefined)?.currency ?? "usd"),
      metadata: (params.metadata as Record<string, string>) ?? {},
      payment_status: "unpaid",
      status: "open",
      success_url: String(params.success_url),
      cancel_url: String(params.cancel_url),
      payment_intent: null,
    });
    session.url = `https://checkout.stripe.test/c/pay/${session.id}`;
    return session;
  }

  customer(overrides: Partial<Stripe.Customer> = {}): Stripe.Customer {
    const customer = { ...sample("customer"), id: id("cus"), created: now(), ...overrides } as unknown as Stripe.Customer;
    this.customers.set(customer.id, customer);
    return customer;
  }

  session(overrides: Partial<Stripe.Checkout.Session>): Stripe.Checkout.Session {
    const session = { ...sample("checkout.session"), id: `cs_test_${randomBytes(16).toString("hex")}`, created: now(), ...overrides } as unknown as Stripe.Checkout.Session;
    this.sessions.set(session.id, session);
    return session;
  }

  /** A completed, paid one-off checkout, as Stripe holds it after payment. */
  paidOneOff(input: { metadata: Record<string, string>; amount: number; currency?: string; email: string; name?: string }): Stripe.Checkout.Session {
    const customer = this.customer({ email: input.email, name: input.name ?? null });
    const details = sample("checkout.session").customer_details as Json;
    return this.session({
      mode: "payment",
      status: "complete",
      payment_status: "paid",
      amount_total: input.amount,
      amount_subtotal: input.amount,
      currency: input.currency ?? "usd",
      customer: customer.id,
      customer_details: { ...details, email: input.email, name: input.name ?? null } as Stripe.Checkout.Session.CustomerDetails,
      metadata: input.metadata,
      payment_intent: id("pi"),
      subscription: null,
      invoice: null,
    });
  }

  subscription(input: { customer: string; metadata: Record<string, string>; amount: number; currency?: string; status?: Stripe.Subscription.Status }): Stripe.Subscription {
    const base = sample("subscription");
    const subscriptionId = id("sub");
    const items = clone(base.items) as Stripe.ApiList<Stripe.SubscriptionItem>;
    const item = items.data[0]!;
    item.id = id("si");
    item.subscription = subscriptionId;
    item.quantity = 1;
    item.price = { ...item.price, id: id("price"), unit_amount: input.amount, currency: input.currency ?? "usd" };
    item.current_period_start = now();
    item.current_period_end = now() + 30 * 86_400;
    const subscription = {
      ...base,
      id: subscriptionId,
      customer: input.customer,
      metadata: input.metadata,
      currency: input.currency ?? "usd",
      status: input.status ?? "active",
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      ended_at: null,
      items,
      created: now(),
    } as unknown as Stripe.Subscription;
    this.subscriptions.set(subscription.id, subscription);
    return subscription;
  }

  invoice(input: { subscription: Stripe.Subscription; billingReason: Stripe.Invoice.BillingReason; email: string | null; name?: string | null }): Stripe.Invoice {
    const base = sample("invoice");
    const amount = input.subscription.items.data.reduce((sum, item) => sum + (item.price.unit_amount ?? 0), 0);
    const invoice = {
      ...base,
      id: id("in"),
      customer: input.subscription.customer,
      customer_email: input.email,
      customer_name: input.name ?? null,
      currency: input.subscription.currency,
      amount_due: amount,
      amount_paid: amount,
      amount_remaining: 0,
      total: amount,
      subtotal: amount,
      status: "paid",
      billing_reason: input.billingReason,
      status_transitions: { finalized_at: now(), marked_uncollectible_at: null, paid_at: now(), voided_at: null },
      parent: { type: "subscription_details", quote_details: null, subscription_details: { metadata: input.subscription.metadata, subscription: input.subscription.id } },
      created: now(),
    } as unknown as Stripe.Invoice;
    this.invoices.set(invoice.id, invoice);
    return invoice;
  }

  /** Monthly giving as Stripe holds it after the first payment: customer, subscription, paid first invoice, completed session. */
  startedMonthly(input: { metadata: Record<string, string>; amount: number; email: string; name?: string }) {
    const customer = this.customer({ email: input.email, name: input.name ?? null });
    const subscription = this.subscription({ customer: customer.id, metadata: input.metadata, amount: input.amount });
    const invoice = this.invoice({ subscription, billingReason: "subscription_create", email: input.email, name: input.name ?? null });
    const details = sample("checkout.session").customer_details as Json;
    const session = this.session({
      mode: "subscription",
      status: "complete",
      payment_status: "paid",
      amount_total: input.amount,
      currency: "usd",
      customer: customer.id,
      customer_details: { ...details, email: input.email, name: input.name ?? null } as Stripe.Checkout.Session.CustomerDetails,
      metadata: input.metadata,
      payment_intent: null,
      subscription: subscription.id,
      invoice: invoice.id,
    });
    return { customer, subscription, invoice, session };
  }

  /** The charge behind a payment intent, as Stripe holds it. */
  charge(input: { paymentIntent: string; amount: number; metadata?: Record<string, string>; amountRefunded?: number }): Stripe.Charge {
    const charge = {
      ...sample("charge"),
      id: id("ch"),
      payment_intent: input.paymentIntent,
      amount: input.amount,
      amount_captured: input.amount,
      amount_refunded: input.amountRefunded ?? 0,
      refunded: (input.amountRefunded ?? 0) >= input.amount,
      metadata: input.metadata ?? {},
      captured: true,
      created: now(),
    } as unknown as Stripe.Charge;
    this.charges.set(charge.id, charge);
    return charge;
  }

  dispute(input: { charge: Stripe.Charge; status: Stripe.Dispute.Status }): Stripe.Dispute {
    const dispute = {
      ...sample("dispute"),
      id: id("dp"),
      charge: input.charge.id,
      payment_intent: input.charge.payment_intent,
      amount: input.charge.amount,
      status: input.status,
      created: now(),
    } as unknown as Stripe.Dispute;
    this.disputes.set(dispute.id, dispute);
    return dispute;
  }

  /** A Stripe event carrying a snapshot of `object` (as the payload would, at the time it was sent). */
  event<T extends { id: string }>(type: Stripe.Event.Type, object: T): Stripe.Event {
    return {
      ...sample("event"),
      id: id("evt"),
      type,
      created: now(),
      api_version: "2026-10-28.endive",
      data: { object: clone(object) },
    } as unknown as Stripe.Event;
  }
}
