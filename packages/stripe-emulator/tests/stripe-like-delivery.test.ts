import { afterEach, describe, expect, it } from "vitest";
import { STRIPE_LIKE_DELIVERY } from "../src/delivery-behaviour";
import { createPaymentSession, createSubscriptionSession, pay, startEmulator, startWebhookReceiver, TEST_AUTH, type Harness } from "../src/testing";

type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

/** The order events happened in at the emulator (its event list is newest first). */
async function creationOrder(h: Harness): Promise<string[]> {
  return (await h.stripe.events.list({ limit: 100 })).data.map((event) => event.id).reverse();
}

describe("webhook delivery like Stripe's", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  async function setup(options: Parameters<typeof startEmulator>[0] = {}, receiverOptions: Parameters<typeof startWebhookReceiver>[0] = {}) {
    const receiver: Receiver = await startWebhookReceiver(receiverOptions);
    const h: Harness = await startEmulator({ webhookUrl: receiver.url, webhookRetryDelaysMs: [20, 40, 80], ...options });
    cleanups.push(receiver.close, () => h.close());
    return { receiver, h };
  }

  it("is the default: deliveries overlap, arrive out of order, some twice, every event at least once", async () => {
    let open = 0;
    let mostAtOnce = 0;
    const { receiver, h } = await setup(
      { webhookDelivery: { seed: 7, duplicateProbability: 0.5 } },
      {
        statusFor: () => {
          open += 1;
          mostAtOnce = Math.max(mostAtOnce, open);
          queueMicrotask(() => (open -= 1));
          return 200;
        },
      },
    );
    expect(h.emulator.deliverySeed).toBe(7);
    for (let index = 0; index < 3; index += 1) await pay(await createSubscriptionSession(h.stripe));
    await h.emulator.waitForDeliveries({ timeoutMs: 20_000 });

    const created = await creationOrder(h);
    const arrived = receiver.received().map((event) => event.id);
    expect(new Set(arrived)).toEqual(new Set(created)); // at least once
    expect(arrived.length).toBeGreaterThan(created.length); // some twice
    expect(arrived.filter((id, index) => arrived.indexOf(id) === index)).not.toEqual(created); // not cause and effect
    expect(h.emulator.deliveryAttempts.filter((attempt) => attempt.duplicate).length).toBe(arrived.length - created.length);
    expect((await h.stripe.events.list({ limit: 100 })).data.every((event) => event.pending_webhooks === 0)).toBe(true);
    expect(STRIPE_LIKE_DELIVERY.concurrency).toBeGreaterThan(1);
  });

  it("sends `checkout.session.completed` before `customer.created` and `.updated` before `.created` when the dice say so", async () => {
    // One at a time with no jitter, so the order is the PRNG's alone: seed 10 puts the session first.
    const { receiver, h } = await setup({ webhookDelivery: { seed: 10, concurrency: 1, maxJitterMs: 0, duplicateProbability: 0 } });
    h.emulator.pauseWebhooks();
    await pay(await createSubscriptionSession(h.stripe));
    const subscription = (await h.stripe.subscriptions.list({ limit: 1 })).data[0]!;
    await h.stripe.subscriptions.update(subscription.id, { description: "changed" });
    h.emulator.resumeWebhooks();
    await h.emulator.waitForDeliveries({ timeoutMs: 10_000 });
    const types = receiver.received().map((event) => event.type);
    expect(types.indexOf("checkout.session.completed")).toBeLessThan(types.indexOf("customer.created"));
    expect(types.indexOf("customer.subscription.updated")).toBeLessThan(types.indexOf("customer.subscription.created"));
  });

  it("replays the same choices from the same seed", async () => {
    const orderFor = async (seed: number) => {
      const { receiver, h } = await setup({ webhookDelivery: { seed, concurrency: 1, maxJitterMs: 0, duplicateProbability: 0.3 } });
      h.emulator.pauseWebhooks();
      await pay(await createSubscriptionSession(h.stripe));
      await pay(await createPaymentSession(h.stripe));
      const created = await creationOrder(h);
      h.emulator.resumeWebhooks();
      await h.emulator.waitForDeliveries({ timeoutMs: 10_000 });
      // Event ids differ between emulators: compare positions in each one's creation order.
      return receiver.received().map((event) => created.indexOf(event.id));
    };
    const first = await orderFor(42);
    expect(await orderFor(42)).toEqual(first);
    expect(await orderFor(43)).not.toEqual(first);
  });

  it("retries a failed delivery with backoff without holding the others back, and waits for it", async () => {
    const failing = new Set<string>();
    const { receiver, h } = await setup(
      { webhookDelivery: { seed: 11, duplicateProbability: 0 } },
      {
        statusFor: (_index, body) => {
          const id = (JSON.parse(body) as { id: string; type: string }).id;
          if (!body.includes('"payment_intent.succeeded"') || failing.has(id)) return 200;
          failing.add(id);
          return 500;
        },
      },
    );
    await pay(await createPaymentSession(h.stripe));
    await h.emulator.waitForDeliveries({ timeoutMs: 10_000 });
    const statuses = receiver.deliveries.map((delivery) => `${delivery.event?.type}:${delivery.status}`);
    expect(statuses.filter((status) => status.startsWith("payment_intent.succeeded"))).toEqual([
      "payment_intent.succeeded:500",
      "payment_intent.succeeded:200",
    ]);
    // The others went on while it waited for its retry.
    expect(statuses.indexOf("payment_intent.succeeded:500")).toBeLessThan(statuses.indexOf("payment_intent.succeeded:200") - 1);
  });

  it("makes a retry due when the test clock passes it (Stripe's schedule, compressed)", async () => {
    let calls = 0;
    const { receiver, h } = await setup(
      // One retry, an hour away in real time: only the clock can bring it.
      { webhookDelivery: { seed: 1, duplicateProbability: 0 }, webhookRetryDelaysMs: [3_600_000] },
      { statusFor: () => (calls++ === 0 ? 503 : 200) },
    );
    await h.stripe.customers.create({ email: "later@example.org" });
    await expect.poll(() => receiver.deliveries.length).toBe(1);
    await expect(h.emulator.waitForDeliveries({ timeoutMs: 300 })).rejects.toThrow("delivery seed 1");
    const { frozen_time: now } = (await (await fetch(`${h.origin}/stripe-emulator/test-helpers/clock`, { headers: TEST_AUTH })).json()) as {
      frozen_time: number;
    };
    const advanced = await fetch(`${h.origin}/stripe-emulator/test-helpers/clock/advance`, {
      method: "POST",
      headers: { ...TEST_AUTH, "Content-Type": "application/x-www-form-urlencoded" },
      body: `frozen_time=${now + 400 * 86_400}`,
    });
    expect(advanced.status).toBe(200);
    await h.emulator.waitForDeliveries({ timeoutMs: 10_000 });
    expect(receiver.deliveries.map((delivery) => delivery.status)).toEqual([503, 200]);
  });
});
