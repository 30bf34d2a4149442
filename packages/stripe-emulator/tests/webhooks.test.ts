import Stripe from "stripe";
import { afterEach, describe, expect, it } from "vitest";
import {
  createPaymentSession,
  createSubscriptionSession,
  pay,
  startEmulator,
  startWebhookReceiver,
  TEST_WEBHOOK_SECRET,
  type Harness,
  TEST_AUTH,
} from "../src/testing";
import { ORDERED_DELIVERY } from "../src/delivery-behaviour";

type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

// These tests are about the mechanics (signing, retries, giving up, manual mode), so they ask for
// the emulator's in-order delivery; stripe-like-delivery.test.ts covers the default.
describe("webhook delivery, in order", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  async function setup(options: Parameters<typeof startEmulator>[0] = {}, receiverOptions: Parameters<typeof startWebhookReceiver>[0] = {}) {
    const receiver: Receiver = await startWebhookReceiver(receiverOptions);
    const h: Harness = await startEmulator({ webhookUrl: receiver.url, webhookRetryDelaysMs: [20, 40, 80], webhookDelivery: ORDERED_DELIVERY, ...options });
    cleanups.push(receiver.close, () => h.close());
    return { receiver, h };
  }

  it("delivers signed events, one at a time, in the order they happened", async () => {
    const { receiver, h } = await setup();
    const session = await createSubscriptionSession(h.stripe);
    await pay(session);
    await h.emulator.waitForDeliveries({ timeoutMs: 10_000 });

    expect(receiver.deliveries.every((delivery) => delivery.verified)).toBe(true);
    expect(receiver.received().map((event) => event.type)).toEqual([
      "customer.created",
      "customer.subscription.created",
      "invoice.created",
      "invoice.finalized",
      "invoice.paid",
      "invoice.payment_succeeded",
      "checkout.session.completed",
    ]);
    const delivery = receiver.deliveries[0]!;
    expect(delivery.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(delivery.headers.get("stripe-signature")).toMatch(/^t=\d+,v1=[0-9a-f]{64}/);

    // The body is the event exactly as the Events API serves it.
    const [first] = receiver.received();
    const listed = await h.stripe.events.retrieve(first!.id);
    expect(first).toMatchObject({ id: listed.id, type: listed.type, api_version: "2026-10-28.endive", livemode: false });
    expect(listed.pending_webhooks).toBe(0);
    const completed = receiver.received().at(-1)!;
    expect((completed.data.object as Stripe.Checkout.Session).id).toBe(session.id);
  });

  it("sends only the event types the endpoint is subscribed to, and records the others", async () => {
    const { receiver, h } = await setup({ webhookEvents: ["checkout.session.completed", "invoice.paid"] });
    const session = await createSubscriptionSession(h.stripe);
    await pay(session);
    await h.emulator.waitForDeliveries({ timeoutMs: 10_000 });
    expect(receiver.received().map((event) => event.type)).toEqual(["invoice.paid", "checkout.session.completed"]);
    const listed = await h.stripe.events.list({ limit: 100 });
    expect(listed.data.map((event) => event.type)).toContain("customer.created");
    expect(listed.data.every((event) => event.pending_webhooks === 0)).toBe(true);
  });

  it("signs with the webhook secret, so another secret fails verification", async () => {
    const { receiver, h } = await setup();
    await h.stripe.customers.create({ email: "sig@example.org" });
    await h.emulator.waitForDeliveries({ timeoutMs: 10_000 });
    const delivery = receiver.deliveries[0]!;
    const verifier = new Stripe("sk_test_x");
    await expect(
      verifier.webhooks.constructEventAsync(delivery.body, delivery.headers.get("stripe-signature")!, "whsec_some_other_secret"),
    ).rejects.toBeInstanceOf(Stripe.errors.StripeSignatureVerificationError);
    const event = await verifier.webhooks.constructEventAsync(delivery.body, delivery.headers.get("stripe-signature")!, TEST_WEBHOOK_SECRET);
    expect(event.type).toBe("customer.created");
  });

  it("retries a failed delivery with backoff and keeps later events behind it", async () => {
    const { receiver, h } = await setup({}, { statusFor: (index) => (index < 2 ? 500 : 200) });
    const session = await createPaymentSession(h.stripe);
    await pay(session);
    await h.emulator.waitForDeliveries({ timeoutMs: 10_000 });
    expect(receiver.deliveries.map((delivery) => `${delivery.event?.type}:${delivery.status}`)).toEqual([
      "payment_intent.succeeded:500",
      "payment_intent.succeeded:500",
      "payment_intent.succeeded:200",
      "charge.succeeded:200",
      "checkout.session.completed:200",
    ]);
    expect(receiver.deliveries[0]!.event!.id).toBe(receiver.deliveries[2]!.event!.id);
    const attempts = h.emulator.deliveryAttempts.filter((attempt) => attempt.type === "payment_intent.succeeded");
    expect(attempts.map((attempt) => [attempt.attempt, attempt.status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
  });

  it("gives up after the last retry and moves on", async () => {
    const { receiver, h } = await setup({}, { statusFor: (_index, body) => (body.includes('"customer.created"') ? 503 : 200) });
    await h.stripe.customers.create({ email: "down@example.org" });
    await h.stripe.customers.update((await h.stripe.customers.list({ email: "down@example.org" })).data[0]!.id, { name: "Up" });
    await h.emulator.waitForDeliveries({ timeoutMs: 10_000 });
    expect(receiver.deliveries.map((delivery) => delivery.status)).toEqual([503, 503, 503, 503, 200]);
    const created = await h.stripe.events.list({ type: "customer.created" });
    expect(created.data[0]?.pending_webhooks).toBe(1);
  });

  it("retries when the endpoint cannot be reached", async () => {
    const receiver = await startWebhookReceiver();
    const url = receiver.url;
    await receiver.close();
    const h = await startEmulator({ webhookUrl: url, webhookRetryDelaysMs: [10, 10], webhookDelivery: ORDERED_DELIVERY });
    cleanups.push(() => h.close());
    await h.stripe.customers.create({ email: "nobody@example.org" });
    await h.emulator.waitForDeliveries({ timeoutMs: 10_000 });
    expect(h.emulator.deliveryAttempts.map((attempt) => attempt.status)).toEqual([null, null, null]);
    expect(h.emulator.deliveryAttempts[0]?.error).toBeTruthy();
  });

  it("manual mode holds events so a test can deliver them in any order, even twice", async () => {
    const { receiver, h } = await setup({ webhookMode: "manual" });
    const session = await createSubscriptionSession(h.stripe);
    await pay(session);
    await h.emulator.waitForDeliveries();
    expect(receiver.deliveries).toEqual([]);

    const events = await h.stripe.events.list({ limit: 100 });
    const invoicePaid = events.data.find((event) => event.type === "invoice.paid")!;
    const completed = events.data.find((event) => event.type === "checkout.session.completed")!;
    const attempts = await h.emulator.deliverEvents([invoicePaid.id, completed.id, invoicePaid.id]);
    expect(attempts.map((attempt) => attempt.status)).toEqual([200, 200, 200]);
    expect(receiver.received().map((event) => event.type)).toEqual(["invoice.paid", "checkout.session.completed", "invoice.paid"]);

    // The same, over HTTP, for tests that drive a running app.
    const response = await fetch(`${h.origin}/stripe-emulator/test-helpers/events/deliver`, {
      method: "POST",
      headers: { ...TEST_AUTH, "Content-Type": "application/x-www-form-urlencoded" },
      body: `events[0]=${completed.id}`,
    });
    expect(response.status).toBe(200);
    expect(receiver.received().at(-1)?.id).toBe(completed.id);

    // Resuming sends what is still queued, in order.
    h.emulator.resumeWebhooks();
    await h.emulator.waitForDeliveries({ timeoutMs: 10_000 });
    expect(
      receiver
        .received()
        .slice(4)
        .map((event) => event.type),
    ).toEqual(["customer.created", "customer.subscription.created", "invoice.created", "invoice.finalized", "invoice.payment_succeeded"]);
  });

  it("pause and resume helpers hold and release delivery", async () => {
    const { receiver, h } = await setup();
    await fetch(`${h.origin}/stripe-emulator/test-helpers/webhooks/pause`, { method: "POST", headers: TEST_AUTH });
    await h.stripe.customers.create({ email: "held@example.org" });
    await h.emulator.waitForDeliveries();
    expect(receiver.deliveries).toEqual([]);
    await fetch(`${h.origin}/stripe-emulator/test-helpers/webhooks/resume`, { method: "POST", headers: TEST_AUTH });
    await h.emulator.waitForDeliveries({ timeoutMs: 10_000 });
    expect(receiver.received().map((event) => event.type)).toEqual(["customer.created"]);
  });
});
