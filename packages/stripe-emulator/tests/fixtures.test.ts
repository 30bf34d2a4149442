import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPaymentSession, createSubscriptionSession, pay, startEmulator, type Harness } from "../src/testing";

/** Stripe's own sample objects (../fixtures/fixtures3.json, from Stripe's OpenAPI repository). */
const FIXTURES = fileURLToPath(new URL("../fixtures/fixtures3.json", import.meta.url));

/**
 * Fields the samples have that objects of API version 2026-10-28 do not (the SDK's types agree):
 * `invoice.subscription` moved to `invoice.parent.subscription_details` in 2025-03-31.basil.
 */
const NOT_IN_THIS_API_VERSION = new Set(["invoice.subscription"]);

/** Free-form content (the app's metadata, the object inside an event) is not a shape to compare. */
const FREE_FORM = new Set(["metadata", "object"]);
const isFreeForm = (path: string, key: string) => key === "metadata" || (path === "event.data" && FREE_FORM.has(key));

function kind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** Every key of Stripe's sample must exist in ours, with the same JSON type wherever both are set. */
function compare(sample: unknown, ours: unknown, path: string, problems: string[]): void {
  if (kind(sample) !== "object" || kind(ours) !== "object") return;
  const a = sample as Record<string, unknown>;
  const b = ours as Record<string, unknown>;
  for (const key of Object.keys(a)) {
    const at = `${path}.${key}`;
    if (isFreeForm(path, key)) {
      if (!(key in b)) problems.push(`${at}: missing`);
      continue;
    }
    if (NOT_IN_THIS_API_VERSION.has(at)) {
      if (key in b) problems.push(`${at}: should be gone in this API version`);
      continue;
    }
    if (!(key in b)) {
      problems.push(`${at}: missing`);
      continue;
    }
    const sampleKind = kind(a[key]);
    const ourKind = kind(b[key]);
    // Expandable fields are ids (strings) or objects; nullable fields may be null on either side.
    const expandable = (sampleKind === "string" && ourKind === "object") || (sampleKind === "object" && ourKind === "string");
    if (sampleKind !== "null" && ourKind !== "null" && sampleKind !== ourKind && !expandable) {
      problems.push(`${at}: ${ourKind}, Stripe's sample has ${sampleKind}`);
    }
    if (sampleKind === "array" && ourKind === "array") {
      const [first] = a[key] as unknown[];
      const [mine] = b[key] as unknown[];
      if (first !== undefined && mine !== undefined) compare(first, mine, `${at}[0]`, problems);
    } else {
      compare(a[key], b[key], at, problems);
    }
  }
}

describe("objects have every field of Stripe's samples", () => {
  let h: Harness;
  const objects: Record<string, unknown> = {};

  beforeAll(async () => {
    h = await startEmulator();
    const monthly = await createSubscriptionSession(h.stripe);
    await pay(monthly);
    const once = await createPaymentSession(h.stripe, { customer_creation: "always" });
    await pay(once);

    const session = await h.stripe.checkout.sessions.retrieve(monthly.id);
    const subscription = await h.stripe.subscriptions.retrieve(session.subscription as string);
    const invoice = await h.stripe.invoices.retrieve(session.invoice as string, { expand: ["payments"] });
    const paidOnce = await h.stripe.checkout.sessions.retrieve(once.id);
    const intent = await h.stripe.paymentIntents.retrieve(paidOnce.payment_intent as string);
    const refund = await h.stripe.refunds.create({ payment_intent: intent.id, amount: 100 });
    const charge = await h.stripe.charges.retrieve(intent.latest_charge as string, { expand: ["refunds"] });
    const customer = (await h.stripe.customers.retrieve(paidOnce.customer as string)) as Stripe.Customer;
    const item = subscription.items.data[0]!;
    const price = await h.stripe.prices.retrieve(item.price.id);
    const product = await h.stripe.products.retrieve(price.product as string);
    await h.emulator.savePortalSettings();
    const portal = await h.stripe.billingPortal.sessions.create({ customer: customer.id, return_url: "https://lantern.example" });
    const portalConfiguration = await h.stripe.billingPortal.configurations.retrieve(portal.configuration as string);
    const lineItems = await h.stripe.checkout.sessions.listLineItems(monthly.id);
    const paymentMethod = await h.stripe.paymentMethods.retrieve(subscription.default_payment_method as string);
    const [event] = (await h.stripe.events.list({ limit: 1 })).data;

    Object.assign(objects, {
      "checkout.session": paidOnce,
      invoice,
      subscription,
      subscription_item: item,
      payment_intent: intent,
      charge,
      customer,
      refund,
      price,
      product,
      "billing_portal.session": portal,
      "billing_portal.configuration": portalConfiguration,
      item: lineItems.data[0],
      line_item: invoice.lines.data[0],
      invoice_payment: invoice.payments?.data[0],
      payment_method: paymentMethod,
      event,
    });
  });
  afterAll(() => h.close());

  const resources = (JSON.parse(readFileSync(FIXTURES, "utf8")) as { resources: Record<string, unknown> }).resources;

  it.each([
    "checkout.session",
    "invoice",
    "subscription",
    "subscription_item",
    "payment_intent",
    "charge",
    "customer",
    "refund",
    "price",
    "product",
    "billing_portal.session",
    "billing_portal.configuration",
    "item",
    "line_item",
    "invoice_payment",
    "payment_method",
    "event",
  ])("%s", (name) => {
    expect(objects[name], `${name} was not built`).toBeTruthy();
    const problems: string[] = [];
    compare(resources[name], JSON.parse(JSON.stringify(objects[name])), name, problems);
    expect(problems).toEqual([]);
  });
});
