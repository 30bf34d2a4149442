import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPaymentSession, pay, startEmulator, TEST_AUTH, type Harness } from "../src/testing";

describe("refunds that fail", () => {
  let h: Harness;
  let now = Date.UTC(2026, 10, 30, 12, 0, 0);
  beforeAll(async () => {
    h = await startEmulator({ webhookUrl: null, clock: () => now });
  });
  afterAll(() => h.close());

  async function paidCharge(card: string): Promise<Stripe.Charge> {
    const session = await createPaymentSession(h.stripe);
    expect((await pay(session, card)).status).toBe(303);
    const paid = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent.latest_charge"] });
    return (paid.payment_intent as Stripe.PaymentIntent).latest_charge as Stripe.Charge;
  }

  const eventsAfter = (count: number) =>
    h.emulator.state.events
      .slice(count)
      .map((event) => ({ type: event.type, object: event.data.object as unknown as Stripe.Refund, previous: event.data.previous_attributes }));

  it("4000 0000 0000 5126: the refund is succeeded when made, failed on the next read, and the charge's amount_refunded drops back", async () => {
    const charge = await paidCharge("4000 0000 0000 5126");
    expect(charge).toMatchObject({ status: "succeeded", amount: 2500, payment_method_details: { card: { last4: "5126" } } });
    const before = h.emulator.state.events.length;
    const refund = await h.stripe.refunds.create({ charge: charge.id, amount: 1000 });
    expect(refund.status).toBe("succeeded");
    expect(refund.failure_reason).toBeUndefined();
    expect(eventsAfter(before).map((event) => event.type)).toEqual(["refund.created", "charge.refunded"]);

    expect((await h.stripe.refunds.retrieve(refund.id)).status).toBe("succeeded"); // still, within the second
    now += 1000; // "some time later": the next request sees it failed
    const failed = await h.stripe.refunds.retrieve(refund.id);
    expect(failed).toMatchObject({ id: refund.id, status: "failed", failure_reason: "expired_or_canceled_card", amount: 1000, charge: charge.id });
    const after = await h.stripe.charges.retrieve(charge.id, { expand: ["refunds"] });
    expect(after).toMatchObject({ amount_refunded: 0, refunded: false });
    expect(after.refunds!.data.map((listed) => [listed.id, listed.status])).toEqual([[refund.id, "failed"]]);

    const events = eventsAfter(before).slice(2);
    expect(events.map((event) => event.type)).toEqual(["charge.refund.updated", "refund.updated", "refund.failed"]);
    for (const event of events)
      expect(event.object).toMatchObject({ object: "refund", id: refund.id, status: "failed", failure_reason: "expired_or_canceled_card" });
    expect(events[0]!.previous).toEqual({ status: "succeeded", failure_reason: null, failure_balance_transaction: null });
    expect(events[1]!.previous).toEqual({ status: "succeeded", failure_reason: null, failure_balance_transaction: null });
    expect(events[2]!.previous).toBeUndefined();

    // Failed is final: nothing fails twice, and the money is refundable again.
    now += 1000;
    await h.stripe.refunds.retrieve(refund.id);
    expect(h.emulator.state.events.length).toBe(before + 5);
    const again = await h.stripe.refunds.create({ charge: charge.id });
    expect(again.amount).toBe(2500);
  });

  it("4242: refunds stay succeeded; the test helper fails one of two partial refunds, with Stripe's failure reason", async () => {
    const charge = await paidCharge("4242 4242 4242 4242");
    const first = await h.stripe.refunds.create({ charge: charge.id, amount: 1000 });
    const second = await h.stripe.refunds.create({ charge: charge.id, amount: 500 });
    now += 1000;
    expect((await h.stripe.refunds.retrieve(first.id)).status).toBe("succeeded");
    const before = h.emulator.state.events.length;
    const response = await fetch(`${h.origin}/stripe-emulator/test-helpers/refunds/${second.id}/fail`, {
      method: "POST",
      headers: TEST_AUTH,
      body: new URLSearchParams({ failure_reason: "lost_or_stolen_card" }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: second.id, status: "failed", failure_reason: "lost_or_stolen_card" });
    expect(await h.stripe.charges.retrieve(charge.id)).toMatchObject({ amount_refunded: 1000, refunded: false });
    expect(eventsAfter(before).map((event) => event.type)).toEqual(["charge.refund.updated", "refund.updated", "refund.failed"]);
    const twice = await fetch(`${h.origin}/stripe-emulator/test-helpers/refunds/${second.id}/fail`, { method: "POST", headers: TEST_AUTH });
    expect(twice.status).toBe(400);
    const listed = await h.stripe.refunds.list({ charge: charge.id });
    expect(listed.data.map((refund) => [refund.id, refund.status])).toEqual([
      [second.id, "failed"],
      [first.id, "succeeded"],
    ]);
  });
});

describe("a 5126 refund fails on time with no further request", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startEmulator({ webhookUrl: null });
  });
  afterAll(() => h.close());

  it("sends the failure events about a second after the refund, by the emulator's own timer", async () => {
    const session = await createPaymentSession(h.stripe);
    await pay(session, "4000 0000 0000 5126");
    const paid = await h.stripe.checkout.sessions.retrieve(session.id);
    const refund = await h.stripe.refunds.create({ payment_intent: paid.payment_intent as string });
    expect(refund.status).toBe("succeeded");
    const failedEvent = () => h.emulator.state.events.find((event) => event.type === "refund.failed" && (event.data.object as { id: string }).id === refund.id);
    expect(failedEvent()).toBeUndefined();
    const deadline = Date.now() + 5_000;
    while (!failedEvent() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(failedEvent()).toBeDefined();
    expect(h.emulator.state.refunds[refund.id]).toMatchObject({ status: "failed", failure_reason: "expired_or_canceled_card" });
  });
});
