import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPaymentSession, createSubscriptionSession, pay, startEmulator, submitForm, type Harness, TEST_AUTH } from "../src/testing";

interface BillingResult {
  object: string;
  subscription: Stripe.Subscription;
  invoice: Stripe.Invoice;
  payment_intent: Stripe.PaymentIntent | null;
  charge: Stripe.Charge | null;
  events: { id: string; type: string }[];
}

async function helper(h: Harness, path: string): Promise<BillingResult> {
  const response = await fetch(`${h.origin}/stripe-emulator/test-helpers/${path}`, { method: "POST", headers: TEST_AUTH });
  expect(response.status).toBe(200);
  return (await response.json()) as BillingResult;
}

async function monthlyGift(h: Harness): Promise<Stripe.Subscription> {
  const session = await createSubscriptionSession(h.stripe);
  await pay(session, "4242 4242 4242 4242", "grace@example.org", "Grace Hopper");
  const paid = await h.stripe.checkout.sessions.retrieve(session.id);
  return h.stripe.subscriptions.retrieve(paid.subscription as string);
}

async function oneOffCharge(h: Harness, amount = 2500): Promise<{ intent: string; charge: string }> {
  const session = await createPaymentSession(h.stripe, {
    line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: amount, product_data: { name: "Gift" } } }],
  });
  await pay(session);
  const paid = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent"] });
  const intent = paid.payment_intent as Stripe.PaymentIntent;
  return { intent: intent.id, charge: intent.latest_charge as string };
}

function eventTypes(h: Harness, since: number) {
  return h.emulator.state.events.slice(since).map((event) => event.type);
}

describe("billing after checkout", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startEmulator();
  });
  afterAll(() => h.close());

  describe("renew test helper", () => {
    it("bills the next period: paid subscription_cycle invoice, payment, item period advanced", async () => {
      const subscription = await monthlyGift(h);
      const item = subscription.items.data[0]!;
      const before = h.emulator.state.events.length;
      const result = await helper(h, `subscriptions/${subscription.id}/renew`);
      expect(result.events.map((event) => event.type)).toEqual([
        "invoice.created",
        "invoice.finalized",
        "invoice.paid",
        "invoice.payment_succeeded",
        "customer.subscription.updated",
      ]);
      expect(eventTypes(h, before)).toEqual(result.events.map((event) => event.type));
      expect(result.invoice).toMatchObject({
        status: "paid",
        billing_reason: "subscription_cycle",
        amount_paid: 1000,
        period_start: item.current_period_start,
        period_end: item.current_period_end,
        parent: { subscription_details: { subscription: subscription.id } },
      });
      expect(result.invoice.number).toMatch(/-0002$/);
      expect(result.payment_intent).toMatchObject({ status: "succeeded", amount: 1000, description: "Subscription update" });
      expect(result.charge).toMatchObject({ status: "succeeded", amount: 1000 });

      const renewed = await h.stripe.subscriptions.retrieve(subscription.id);
      const next = renewed.items.data[0]!;
      expect(next.current_period_start).toBe(item.current_period_end);
      expect(next.current_period_end).toBeGreaterThan(item.current_period_end + 27 * 86_400);
      expect(result.invoice.lines.data[0]?.period).toEqual({ start: next.current_period_start, end: next.current_period_end });
      expect(renewed.latest_invoice).toBe(result.invoice.id);

      const updated = h.emulator.state.events.at(-1)!;
      expect(updated.data.previous_attributes).toMatchObject({ latest_invoice: subscription.latest_invoice });
      expect((updated.data.previous_attributes as { items: { data: Stripe.SubscriptionItem[] } }).items.data[0]?.current_period_end).toBe(
        item.current_period_end,
      );

      const invoices = await h.stripe.invoices.list({ subscription: subscription.id });
      expect(invoices.data.map((invoice) => invoice.billing_reason)).toEqual(["subscription_cycle", "subscription_create"]);
      const byCustomer = await h.stripe.invoices.list({ customer: subscription.customer as string });
      expect(byCustomer.data).toHaveLength(2);
    });

    it("fail-renewal leaves an open invoice and a past_due subscription; paying it fails with a card error; renew recovers", async () => {
      const subscription = await monthlyGift(h);
      const failed = await helper(h, `subscriptions/${subscription.id}/fail-renewal`);
      expect(failed.events.map((event) => event.type)).toEqual([
        "invoice.created",
        "invoice.finalized",
        "invoice.payment_failed",
        "customer.subscription.updated",
      ]);
      expect(failed.subscription.status).toBe("past_due");
      expect(failed.invoice).toMatchObject({ status: "open", attempted: true, attempt_count: 1, amount_paid: 0, amount_remaining: 1000 });
      expect(failed.invoice.next_payment_attempt).toBeGreaterThan(failed.invoice.created);
      expect(failed.payment_intent).toMatchObject({
        status: "requires_payment_method",
        last_payment_error: { code: "card_declined", decline_code: "generic_decline" },
      });
      expect(failed.charge).toMatchObject({ status: "failed", paid: false, failure_code: "card_declined", failure_message: "Your card was declined." });

      const error = await h.stripe.invoices.pay(failed.invoice.id).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
      expect(error).toMatchObject({ statusCode: 402, code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." });
      expect(h.emulator.state.events.at(-1)?.type).toBe("invoice.payment_failed");

      const recovered = await helper(h, `subscriptions/${subscription.id}/renew`);
      expect(recovered.invoice.id).toBe(failed.invoice.id);
      expect(recovered.invoice).toMatchObject({ status: "paid", attempt_count: 3 });
      expect(recovered.subscription.status).toBe("active");
      expect(recovered.events.map((event) => event.type)).toEqual(["invoice.paid", "invoice.payment_succeeded", "customer.subscription.updated"]);
    });

    it("answers helpers for unknown subscriptions with a Stripe-shaped 404", async () => {
      const response = await fetch(`${h.origin}/stripe-emulator/test-helpers/subscriptions/sub_nope/renew`, { method: "POST", headers: TEST_AUTH });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { type: "invalid_request_error", code: "resource_missing" } });
    });
  });

  describe("subscription updates and cancellation", () => {
    it("cancel_at_period_end schedules the end; renewing at the boundary ends it", async () => {
      const subscription = await monthlyGift(h);
      const periodEnd = subscription.items.data[0]!.current_period_end;
      const updated = await h.stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });
      expect(updated).toMatchObject({ cancel_at_period_end: true, cancel_at: periodEnd, status: "active" });
      expect(updated.cancellation_details?.reason).toBe("cancellation_requested");
      const event = h.emulator.state.events.at(-1)!;
      expect(event.type).toBe("customer.subscription.updated");
      expect(event.data.previous_attributes).toMatchObject({ cancel_at_period_end: false, cancel_at: null, canceled_at: null });

      const ended = await helper(h, `subscriptions/${subscription.id}/renew`);
      expect(ended.subscription).toMatchObject({ status: "canceled", ended_at: periodEnd });
      expect(ended.invoice).toBeNull();
      expect(ended.events.map((candidate) => candidate.type)).toEqual(["customer.subscription.deleted"]);
    });

    it("changes the amount with items[0][price_data] and merges metadata", async () => {
      const subscription = await monthlyGift(h);
      const item = subscription.items.data[0]!;
      const updated = await h.stripe.subscriptions.update(subscription.id, {
        items: [
          {
            id: item.id,
            price_data: { currency: "usd", product: item.price.product as string, unit_amount: 2500, recurring: { interval: "month" } },
          },
        ],
        proration_behavior: "none",
        metadata: { amount_changed: "yes" },
      });
      expect(updated.items.data).toHaveLength(1);
      expect(updated.items.data[0]).toMatchObject({ id: item.id, price: { unit_amount: 2500, product: item.price.product }, plan: { amount: 2500 } });
      expect(updated.metadata).toEqual({ campaign: "free-the-press", amount_changed: "yes" });
      const previous = h.emulator.state.events.at(-1)!.data.previous_attributes as { items: { data: Stripe.SubscriptionItem[] }; metadata: object };
      expect(previous.items.data[0]?.price.unit_amount).toBe(1000);
      expect(previous.metadata).toEqual({ amount_changed: null });

      const renewal = await helper(h, `subscriptions/${subscription.id}/renew`);
      expect(renewal.invoice.amount_paid).toBe(2500);
    });

    it("switches to an existing price with items[0][price]; an item without id is added, as Stripe does", async () => {
      const subscription = await monthlyGift(h);
      const item = subscription.items.data[0]!;
      const other = await monthlyGift(h);
      const otherPrice = other.items.data[0]!.price.id;
      const switched = await h.stripe.subscriptions.update(subscription.id, { items: [{ id: item.id, price: otherPrice }] });
      expect(switched.items.data.map((candidate) => candidate.price.id)).toEqual([otherPrice]);
      const added = await h.stripe.subscriptions.update(subscription.id, { items: [{ price: otherPrice, quantity: 2 }] });
      expect(added.items.data).toHaveLength(2);
      expect(added.items.data[1]).toMatchObject({ quantity: 2, current_period_end: item.current_period_end });
      const removed = await h.stripe.subscriptions.update(subscription.id, { items: [{ id: added.items.data[1]!.id, deleted: true }] });
      expect(removed.items.data).toHaveLength(1);
    });

    it("refuses price_data without a product, and unknown items", async () => {
      const subscription = await monthlyGift(h);
      const noProduct = await h.stripe.subscriptions
        .update(subscription.id, {
          items: [{ id: subscription.items.data[0]!.id, price_data: { currency: "usd", unit_amount: 2500, recurring: { interval: "month" } } as never }],
        })
        .catch((caught: unknown) => caught);
      expect(noProduct).toMatchObject({ code: "parameter_missing", param: "items[0][price_data][product]" });
      const unknownItem = await h.stripe.subscriptions.update(subscription.id, { items: [{ id: "si_nope", quantity: 2 }] }).catch((caught: unknown) => caught);
      expect(unknownItem).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    });

    it("DELETE cancels now and sends customer.subscription.deleted", async () => {
      const subscription = await monthlyGift(h);
      const canceled = await h.stripe.subscriptions.cancel(subscription.id, { cancellation_details: { feedback: "too_expensive" } });
      expect(canceled).toMatchObject({ status: "canceled", cancellation_details: { reason: "cancellation_requested", feedback: "too_expensive" } });
      expect(canceled.ended_at).toBe(canceled.canceled_at);
      const event = h.emulator.state.events.at(-1)!;
      expect(event.type).toBe("customer.subscription.deleted");
      expect(event.data.previous_attributes).toMatchObject({ status: "active", canceled_at: null, ended_at: null });
      const listed = await h.stripe.subscriptions.list({ customer: subscription.customer as string });
      expect(listed.data).toEqual([]);
      const all = await h.stripe.subscriptions.list({ customer: subscription.customer as string, status: "all" });
      expect(all.data.map((candidate) => candidate.id)).toEqual([subscription.id]);
    });
  });

  describe("refunds", () => {
    it("refunds part, then the rest, then refuses more", async () => {
      const { intent, charge } = await oneOffCharge(h, 2500);
      const before = h.emulator.state.events.length;
      const first = await h.stripe.refunds.create({ payment_intent: intent, amount: 1000, reason: "requested_by_customer" });
      expect(first.id).toMatch(/^re_/);
      expect(first).toMatchObject({
        object: "refund",
        amount: 1000,
        currency: "usd",
        charge,
        payment_intent: intent,
        status: "succeeded",
        reason: "requested_by_customer",
      });
      expect(await h.stripe.charges.retrieve(charge)).toMatchObject({ amount_refunded: 1000, refunded: false });
      expect(eventTypes(h, before)).toEqual(["refund.created", "charge.refunded"]);
      expect(h.emulator.state.events.at(-1)!.data.previous_attributes).toEqual({ amount_refunded: 0 });

      const tooMuch = await h.stripe.refunds.create({ charge, amount: 2000 }).catch((caught: unknown) => caught);
      expect(tooMuch).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(tooMuch).toMatchObject({
        statusCode: 400,
        code: "amount_too_large",
        param: "amount",
        message: "Refund amount ($20.00) is greater than unrefunded amount on charge ($15.00)",
      });

      const rest = await h.stripe.refunds.create({ charge });
      expect(rest.amount).toBe(1500);
      const refunded = await h.stripe.charges.retrieve(charge, { expand: ["refunds"] });
      expect(refunded).toMatchObject({ amount_refunded: 2500, refunded: true });
      expect(refunded.refunds?.data.map((refund) => refund.amount)).toEqual([1500, 1000]);

      const again = await h.stripe.refunds.create({ charge }).catch((caught: unknown) => caught);
      expect(again).toMatchObject({ code: "charge_already_refunded", message: `Charge ${charge} has already been refunded.` });
      const listed = await h.stripe.refunds.list({ payment_intent: intent });
      expect(listed.data.map((refund) => refund.id)).toEqual([rest.id, first.id]);
    });

    it("refuses a refund larger than the charge", async () => {
      const { charge } = await oneOffCharge(h, 1000);
      const error = await h.stripe.refunds.create({ charge, amount: 1001 }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: "amount_too_large", message: "Refund amount ($10.01) is greater than charge amount ($10.00)" });
      expect(await h.stripe.charges.retrieve(charge)).toMatchObject({ amount_refunded: 0 });
    });

    it("requires a charge or payment intent", async () => {
      const error = await h.stripe.refunds.create({ amount: 100 }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    });
  });

  describe("customer portal", () => {
    beforeAll(() => h.emulator.savePortalSettings());

    it("refuses a session until the account's portal settings are saved, like Stripe in test mode", async () => {
      const fresh = await startEmulator();
      try {
        const customer = await fresh.stripe.customers.create({ email: "portal@example.org" });
        const error = await fresh.stripe.billingPortal.sessions.create({ customer: customer.id }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
        expect(error).toMatchObject({
          type: "StripeInvalidRequestError",
          statusCode: 400,
          message: expect.stringMatching(/^You can’t create a portal session in test mode until you save your customer portal settings/),
        });
        const saved = await fetch(`${fresh.origin}/stripe-emulator/test-helpers/billing-portal/settings`, { method: "POST", headers: TEST_AUTH });
        const configuration = (await saved.json()) as Stripe.BillingPortal.Configuration;
        expect(configuration).toMatchObject({ object: "billing_portal.configuration", is_default: true, active: true });
        const session = await fresh.stripe.billingPortal.sessions.create({ customer: customer.id });
        expect(session.configuration).toBe(configuration.id);
        // Saving again updates the same default configuration.
        await fetch(`${fresh.origin}/stripe-emulator/test-helpers/billing-portal/settings`, {
          method: "POST",
          headers: TEST_AUTH,
          body: new URLSearchParams({ cancel_mode: "immediately" }),
        });
        const { data } = await fresh.stripe.billingPortal.configurations.list({ is_default: true });
        expect(data.map((item) => [item.id, item.features.subscription_cancel.mode])).toEqual([[configuration.id, "immediately"]]);
      } finally {
        await fresh.close();
      }
    });

    it("refuses an unknown portal configuration", async () => {
      const customer = await h.stripe.customers.create({ email: "portal@example.org" });
      const error = await h.stripe.billingPortal.sessions.create({ customer: customer.id, configuration: "bpc_nope" }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({
        statusCode: 400,
        code: "resource_missing",
        param: "configuration",
        message: "No such billing_portal.configuration: 'bpc_nope'",
      });
    });

    it("creates a portal session and shows the subscriptions with accessible controls", async () => {
      const subscription = await monthlyGift(h);
      const portal = await h.stripe.billingPortal.sessions.create({
        customer: subscription.customer as string,
        return_url: "https://lantern.example/account",
      });
      expect(portal).toMatchObject({
        object: "billing_portal.session",
        customer: subscription.customer,
        return_url: "https://lantern.example/account",
        livemode: false,
      });
      expect(portal.id).toMatch(/^bps_/);
      expect(portal.url).toBe(`${h.origin}/stripe-emulator/portal/${portal.id}`);

      const body = await (await fetch(portal.url)).text();
      expect(body).toContain("TEST MODE — no real money moves.");
      // Like Stripe's, the default portal has subscription updates off: no amount field, no price switch.
      expect(body).not.toContain('name="amount"');
      expect(body).not.toContain("Update plan");
      expect(body).toContain(">Cancel monthly gift</button>");
      expect(body).toContain('<a href="https://lantern.example/account">');
    });

    it("refuses to set an amount, as Stripe's portal cannot", async () => {
      const subscription = await monthlyGift(h);
      const portal = await h.stripe.billingPortal.sessions.create({ customer: subscription.customer as string });
      const before = h.emulator.state.events.length;
      const response = await submitForm(portal.url, { action: "update", subscription: subscription.id, amount: "15.00" });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("This portal cannot set an amount. It can only switch to a price listed in the portal&#39;s settings.");
      expect((await h.stripe.subscriptions.retrieve(subscription.id)).items.data[0]?.price.unit_amount).toBe(1000);
      expect(eventTypes(h, before)).toEqual([]);
    });

    it("switches only between the prices its configuration lists", async () => {
      const subscription = await monthlyGift(h);
      const [item] = subscription.items.data;
      const product = String(item!.price.product);
      // Two more prices of the same product (the emulator has no POST /v1/prices), then back to $10.
      const priceOf = async (unitAmount: number) =>
        (
          await h.stripe.subscriptions.update(subscription.id, {
            items: [{ id: item!.id, price_data: { currency: "usd", product, unit_amount: unitAmount, recurring: { interval: "month" } } }],
          })
        ).items.data[0]!.price;
      const twenty = await priceOf(2000);
      const unlisted = await priceOf(5000);
      await h.stripe.subscriptions.update(subscription.id, { items: [{ id: item!.id, price: item!.price.id }] });
      const refused = await h.stripe.billingPortal.configurations
        .create({ features: { subscription_update: { enabled: true, default_allowed_updates: ["price"], products: [] } } })
        .catch((caught: unknown) => caught);
      expect(refused).toMatchObject({ statusCode: 400, param: "features[subscription_update][products]" });
      const configuration = await h.stripe.billingPortal.configurations.create({
        features: {
          subscription_cancel: { enabled: true, mode: "at_period_end" },
          subscription_update: { enabled: true, default_allowed_updates: ["price"], proration_behavior: "none", products: [{ product, prices: [twenty.id] }] },
        },
      });
      expect(configuration.features.subscription_update).toMatchObject({ enabled: true, products: [{ product, prices: [twenty.id] }] });
      const portal = await h.stripe.billingPortal.sessions.create({ customer: subscription.customer as string, configuration: configuration.id });
      const body = await (await fetch(portal.url)).text();
      expect(body).toContain(`<label for="price-${subscription.id}">Switch to</label>`);
      expect(body).toContain(`<option value="${twenty.id}">$20.00`);
      expect(body).not.toContain(unlisted.id);

      const notListed = await submitForm(portal.url, { action: "update", subscription: subscription.id, price: unlisted.id });
      expect(notListed.status).toBe(400);
      const before = h.emulator.state.events.length;
      const response = await submitForm(portal.url, { action: "update", subscription: subscription.id, price: twenty.id });
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe(`/stripe-emulator/portal/${portal.id}?done=updated`);
      const updated = await h.stripe.subscriptions.retrieve(subscription.id);
      expect(updated.items.data.map((item) => item.price.id)).toEqual([twenty.id]);
      expect(eventTypes(h, before)).toEqual(["customer.subscription.updated"]);
    });

    it("cancels at period end by default, and can be kept", async () => {
      const subscription = await monthlyGift(h);
      const portal = await h.stripe.billingPortal.sessions.create({ customer: subscription.customer as string });
      const before = h.emulator.state.events.length;
      const response = await submitForm(portal.url, { action: "cancel", subscription: subscription.id });
      expect(response.status).toBe(303);
      expect(await h.stripe.subscriptions.retrieve(subscription.id)).toMatchObject({ status: "active", cancel_at_period_end: true });
      expect(eventTypes(h, before)).toEqual(["customer.subscription.updated"]);
      const page = await (await fetch(portal.url)).text();
      expect(page).toContain(">Keep my monthly gift</button>");

      await submitForm(portal.url, { action: "renew", subscription: subscription.id });
      expect(await h.stripe.subscriptions.retrieve(subscription.id)).toMatchObject({ cancel_at_period_end: false, cancel_at: null });
    });

    it("cancels immediately under a configuration that says so", async () => {
      const configuration = await h.stripe.billingPortal.configurations.create({
        features: { subscription_cancel: { enabled: true, mode: "immediately" } },
        default_return_url: "https://lantern.example/account",
      });
      expect(configuration).toMatchObject({ object: "billing_portal.configuration", is_default: false, default_return_url: "https://lantern.example/account" });
      expect(await h.stripe.billingPortal.configurations.retrieve(configuration.id)).toMatchObject({ id: configuration.id });
      const subscription = await monthlyGift(h);
      const portal = await h.stripe.billingPortal.sessions.create({ customer: subscription.customer as string, configuration: configuration.id });
      expect(portal).toMatchObject({ configuration: configuration.id, return_url: "https://lantern.example/account" });
      await submitForm(portal.url, { action: "cancel", subscription: subscription.id });
      expect(await h.stripe.subscriptions.retrieve(subscription.id)).toMatchObject({ status: "canceled" });
      expect(h.emulator.state.events.at(-1)?.type).toBe("customer.subscription.deleted");
    });

    it("will not touch another customer's subscription", async () => {
      const mine = await monthlyGift(h);
      const theirs = await monthlyGift(h);
      const portal = await h.stripe.billingPortal.sessions.create({ customer: mine.customer as string });
      const response = await submitForm(portal.url, { action: "cancel", subscription: theirs.id });
      expect(response.status).toBe(404);
      expect(await h.stripe.subscriptions.retrieve(theirs.id)).toMatchObject({ cancel_at_period_end: false });
    });

    it("needs an existing customer", async () => {
      const error = await h.stripe.billingPortal.sessions.create({ customer: "cus_nope" }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: "resource_missing", param: "customer" });
    });
  });
});
