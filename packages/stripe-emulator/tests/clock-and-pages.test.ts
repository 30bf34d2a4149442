import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPaymentSession, createSubscriptionSession, pay, startEmulator, type Harness, TEST_AUTH } from "../src/testing";

describe("injected clock", () => {
  let h: Harness;
  let now = Date.UTC(2026, 0, 31, 12, 0, 0);
  beforeAll(async () => {
    h = await startEmulator({ clock: () => now });
  });
  afterAll(() => h.close());

  it("stamps objects with the clock and expires sessions when their time is up", async () => {
    const session = await createPaymentSession(h.stripe);
    expect(session.created).toBe(now / 1000);
    now += 25 * 60 * 60 * 1000;
    const later = await h.stripe.checkout.sessions.retrieve(session.id);
    expect(later.status).toBe("expired");
    const events = await h.stripe.events.list({ type: "checkout.session.expired" });
    expect(events.data).toHaveLength(1);
    expect((await fetch(session.url!)).status).toBe(410);
  });

  it("bills monthly from the anchor date (Jan 31 → Feb 28 → Mar 31 → Apr 30)", async () => {
    now = Date.UTC(2026, 0, 31, 12, 0, 0);
    const session = await createSubscriptionSession(h.stripe);
    await pay(session);
    const subscriptionId = (await h.stripe.checkout.sessions.retrieve(session.id)).subscription as string;
    for (let month = 0; month < 2; month += 1) {
      const response = await fetch(`${h.origin}/stripe-emulator/test-helpers/subscriptions/${subscriptionId}/renew`, { method: "POST", headers: TEST_AUTH });
      expect(response.status).toBe(200);
    }
    const items = await h.stripe.subscriptionItems.list({ subscription: subscriptionId });
    const item = items.data[0]!;
    const period = [item.current_period_start, item.current_period_end].map((seconds) => new Date(seconds * 1000).toISOString());
    expect(period).toEqual(["2026-03-31T12:00:00.000Z", "2026-04-30T12:00:00.000Z"]);
    const retrieved = await h.stripe.subscriptionItems.retrieve(item.id);
    expect(retrieved.id).toBe(item.id);
  });
});

describe("other pages", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startEmulator();
  });
  afterAll(() => h.close());

  it("serves a charge's receipt_url and a dashboard of recent events", async () => {
    const session = await createPaymentSession(h.stripe);
    await pay(session);
    const intent = await h.stripe.paymentIntents.retrieve((await h.stripe.checkout.sessions.retrieve(session.id)).payment_intent as string, {
      expand: ["latest_charge"],
    });
    const receiptUrl = (intent.latest_charge as { receipt_url: string }).receipt_url;
    expect(receiptUrl).toMatch(new RegExp(`^${h.origin}/stripe-emulator/receipts/ch_`));
    const receipt = await (await fetch(receiptUrl)).text();
    expect(receipt).toContain("$25.00");
    expect(receipt).toContain("VISA ending in 4242");

    const dashboard = await fetch(`${h.origin}/stripe-emulator`);
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain("checkout.session.completed");
  });
});
