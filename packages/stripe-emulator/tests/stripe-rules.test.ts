/**
 * Stripe's rules the emulator used to skip: `cancel_at` on a subscription update (set, moved,
 * cleared with ""), currencies Stripe does not take and amounts below a currency's minimum, no
 * request on the events nobody's API request caused, and 429s (`rate_limit`, `lock_timeout`) as
 * injectable faults with the headers Stripe sends.
 */
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPaymentSession, createSubscriptionSession, pay, startEmulator, TEST_AUTH, type Harness } from "../src/testing";

describe("Stripe's rules", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startEmulator({ webhookUrl: null });
  });
  afterAll(() => h.close());

  async function subscription(): Promise<Stripe.Subscription> {
    const session = await createSubscriptionSession(h.stripe);
    await pay(session);
    return h.stripe.subscriptions.retrieve(String((await h.stripe.checkout.sessions.retrieve(session.id)).subscription));
  }

  const errorOf = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => error as Stripe.errors.StripeError,
    );

  it("sets a subscription's cancel_at, moves it, and clears it with an empty value", async () => {
    const started = await subscription();
    const periodEnd = started.items.data[0]!.current_period_end;
    const at = periodEnd + 40 * 86_400; // in the period after the next
    const scheduled = await h.stripe.subscriptions.update(started.id, { cancel_at: at });
    expect(scheduled).toMatchObject({ cancel_at: at, cancel_at_period_end: false, status: "active" });
    expect(scheduled.canceled_at).not.toBeNull();
    expect(scheduled.cancellation_details?.reason).toBe("cancellation_requested");

    const events = await h.stripe.events.list({ type: "customer.subscription.updated", limit: 1 });
    expect(events.data[0]!.data.previous_attributes).toMatchObject({ cancel_at: null });

    const atPeriodEnd = await h.stripe.subscriptions.update(started.id, { cancel_at: "min_period_end" });
    expect(atPeriodEnd).toMatchObject({ cancel_at: periodEnd, cancel_at_period_end: false });

    const cleared = await h.stripe.subscriptions.update(started.id, { cancel_at: "" });
    expect(cleared).toMatchObject({ cancel_at: null, cancel_at_period_end: false, canceled_at: null });
    expect(cleared.cancellation_details?.reason ?? null).toBeNull();

    // Stripe's refusals: the past, and both ways of ending at once.
    expect(await errorOf(h.stripe.subscriptions.update(started.id, { cancel_at: started.created - 10 }))).toMatchObject({
      type: "StripeInvalidRequestError",
      param: "cancel_at",
    });
    expect(await errorOf(h.stripe.subscriptions.update(started.id, { cancel_at: at, cancel_at_period_end: true }))).toMatchObject({
      type: "StripeInvalidRequestError",
      message: "You may only specify one of these parameters: cancel_at, cancel_at_period_end.",
    });
  });

  it("ends a subscription at its cancel_at when the clock gets there, renewing until then", async () => {
    const started = await subscription();
    const periodEnd = started.items.data[0]!.current_period_end;
    const at = periodEnd + 10 * 86_400;
    await h.stripe.subscriptions.update(started.id, { cancel_at: at });
    const advanced = await fetch(`${h.origin}/stripe-emulator/test-helpers/clock/advance`, {
      method: "POST",
      headers: { ...TEST_AUTH, "Content-Type": "application/x-www-form-urlencoded" },
      body: `frozen_time=${at + 60}&customer=${String(started.customer)}`,
    });
    expect(advanced.status).toBe(200);
    const ended = await h.stripe.subscriptions.retrieve(started.id);
    expect(ended).toMatchObject({ status: "canceled", ended_at: at });
    const invoices = await h.stripe.invoices.list({ subscription: started.id, status: "paid" });
    expect(invoices.data).toHaveLength(2); // the first, and the renewal at the period's end
  });

  it("refuses a currency Stripe does not take, and an amount below the currency's minimum", async () => {
    const unknown = await errorOf(
      createPaymentSession(h.stripe, {
        line_items: [{ quantity: 1, price_data: { currency: "xau", unit_amount: 5000, product_data: { name: "Gold" } } }],
      }),
    );
    expect(unknown).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(unknown).toMatchObject({ param: "line_items[0][price_data][currency]", statusCode: 400 });
    expect(unknown!.message).toMatch(/^Invalid currency: xau\. Stripe currently supports these currencies: usd, aed, /);
    expect((unknown as Stripe.errors.StripeError).raw).toMatchObject({ type: "invalid_request_error" });

    const small = await errorOf(
      createPaymentSession(h.stripe, {
        line_items: [{ quantity: 1, price_data: { currency: "gbp", unit_amount: 29, product_data: { name: "Tiny" } } }],
      }),
    );
    expect(small).toMatchObject({ type: "StripeInvalidRequestError", code: "amount_too_small" });
    // The same amount in a currency whose minimum it meets, and a currency Stripe takes beyond the old list.
    await expect(
      createPaymentSession(h.stripe, { line_items: [{ quantity: 1, price_data: { currency: "gbp", unit_amount: 30, product_data: { name: "Ok" } } }] }),
    ).resolves.toMatchObject({ currency: "gbp" });
    await expect(
      createPaymentSession(h.stripe, { line_items: [{ quantity: 1, price_data: { currency: "kes", unit_amount: 50000, product_data: { name: "Ok" } } }] }),
    ).resolves.toMatchObject({ currency: "kes" });
  });

  it("gives automatic events (renewals by the clock, disputes, failed refunds) no request; API calls' events keep theirs", async () => {
    const started = await subscription();
    const before = h.emulator.state.events.length;
    const renewed = await fetch(`${h.origin}/stripe-emulator/test-helpers/subscriptions/${started.id}/renew`, { method: "POST", headers: TEST_AUTH });
    expect(renewed.status).toBe(200);
    const automatic = h.emulator.state.events.slice(before);
    expect(automatic.map((event) => event.type)).toContain("invoice.paid");
    expect(automatic.every((event) => event.request.id === null && event.request.idempotency_key === null)).toBe(true);

    const session = await createPaymentSession(h.stripe);
    await pay(session);
    const charge = String(
      ((await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent"] })).payment_intent as Stripe.PaymentIntent).latest_charge,
    );
    const disputedFrom = h.emulator.state.events.length;
    expect((await fetch(`${h.origin}/stripe-emulator/test-helpers/charges/${charge}/dispute`, { method: "POST", headers: TEST_AUTH })).status).toBe(200);
    expect(h.emulator.state.events.slice(disputedFrom).every((event) => event.request.id === null)).toBe(true);

    const updatedFrom = h.emulator.state.events.length;
    await h.stripe.subscriptions.update(started.id, { description: "asked for" }, { idempotencyKey: "rules-update-1" });
    const [caused] = h.emulator.state.events.slice(updatedFrom);
    expect(caused!.request).toMatchObject({ id: expect.stringMatching(/^req_/), idempotency_key: "rules-update-1" });
  });

  it("answers injected 429s as Stripe does: rate_limit without advice, lock_timeout with Stripe-Should-Retry", async () => {
    const raw = (path: string) => fetch(`${h.origin}/stripe-emulator${path}`, { headers: TEST_AUTH });
    h.emulator.failNextRequests({ count: 1, path: "/v1/customers", kind: "rate_limit" });
    const limited = await raw("/v1/customers");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("stripe-should-retry")).toBeNull();
    expect(await limited.json()).toMatchObject({ error: { type: "invalid_request_error", code: "rate_limit" } });

    h.emulator.failNextRequests({ count: 1, path: "/v1/customers", kind: "lock_timeout" });
    const locked = await raw("/v1/customers");
    expect(locked.status).toBe(429);
    expect(locked.headers.get("stripe-should-retry")).toBe("true");
    expect(await locked.json()).toMatchObject({ error: { type: "invalid_request_error", code: "lock_timeout" } });

    // The plain SDK (no wrapper): it retries the lock timeout by itself, not the rate limit.
    h.emulator.failNextRequests({ count: 1, path: "/v1/customers", kind: "lock_timeout" });
    await expect(h.stripe.customers.list({ limit: 1 })).resolves.toMatchObject({ object: "list" });
    h.emulator.failNextRequests({ count: 1, path: "/v1/customers", kind: "rate_limit" });
    expect(await errorOf(h.stripe.customers.list({ limit: 1 }))).toBeInstanceOf(Stripe.errors.StripeRateLimitError);

    // Over HTTP, for a running app.
    const helper = await fetch(`${h.origin}/stripe-emulator/test-helpers/faults`, {
      method: "POST",
      headers: { ...TEST_AUTH, "Content-Type": "application/x-www-form-urlencoded" },
      body: "count=1&path=/v1/customers&kind=lock_timeout",
    });
    expect(helper.status).toBe(200);
    expect((await raw("/v1/customers")).headers.get("stripe-should-retry")).toBe("true");
  });
});
