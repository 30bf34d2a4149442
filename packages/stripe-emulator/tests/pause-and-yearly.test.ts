import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSubscriptionSession, pay, startEmulator, type Harness, TEST_AUTH } from "../src/testing";

const START = Date.UTC(2026, 2, 3, 10, 0, 0); // 3 March 2026, 10:00 UTC
const DAY = 86_400;

async function advanceClock(
  h: Harness,
  frozenTime: number,
  customer?: string,
): Promise<{ status: number; body: { events?: { type: string }[]; error?: { message: string } } }> {
  const response = await fetch(`${h.origin}/stripe-emulator/test-helpers/clock/advance`, {
    method: "POST",
    headers: { ...TEST_AUTH, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ frozen_time: String(frozenTime), ...(customer ? { customer } : {}) }).toString(),
  });
  return { status: response.status, body: (await response.json()) as never };
}

async function subscribe(h: Harness, interval: "month" | "year"): Promise<Stripe.Subscription> {
  const session = await createSubscriptionSession(h.stripe, {
    line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 12_000, recurring: { interval }, product_data: { name: `${interval}ly gift` } } }],
  });
  await pay(session, "4242 4242 4242 4242", "grace@example.org", "Grace Hopper");
  const paid = await h.stripe.checkout.sessions.retrieve(session.id);
  return h.stripe.subscriptions.retrieve(paid.subscription as string);
}

function paidInvoices(h: Harness, subscription: string) {
  return Object.values(h.emulator.state.invoices).filter(
    (invoice) => invoice.parent?.subscription_details?.subscription === subscription && invoice.status === "paid",
  );
}

function invoicesOf(h: Harness, subscription: string) {
  return Object.values(h.emulator.state.invoices).filter((invoice) => invoice.parent?.subscription_details?.subscription === subscription);
}

const errorOf = async (call: Promise<unknown>) => {
  try {
    await call;
  } catch (error) {
    return error as Stripe.errors.StripeError;
  }
  throw new Error("expected Stripe to refuse");
};

describe("yearly subscriptions, pause_collection and the clock", () => {
  let h: Harness;
  const now = START;
  beforeAll(async () => {
    h = await startEmulator({ clock: () => now });
  });
  afterAll(() => h.close());

  it("renews a yearly subscription once a year as the clock passes its anniversary, not before", async () => {
    const subscription = await subscribe(h, "year");
    const item = subscription.items.data[0]!;
    expect(item.price.recurring).toMatchObject({ interval: "year", interval_count: 1 });
    const anniversary = Date.UTC(2027, 2, 3, 10, 0, 0) / 1000;
    expect(item.current_period_end).toBe(anniversary);

    // Eleven months on: nothing is billed.
    const early = await advanceClock(h, anniversary - 30 * DAY);
    expect(early.status).toBe(200);
    expect(early.body.events).toEqual([]);
    expect(paidInvoices(h, subscription.id)).toHaveLength(1);

    const renewed = await advanceClock(h, anniversary + DAY);
    expect(renewed.body.events?.map((event) => event.type)).toEqual([
      "invoice.created",
      "invoice.finalized",
      "invoice.paid",
      "invoice.payment_succeeded",
      "customer.subscription.updated",
    ]);
    const after = await h.stripe.subscriptions.retrieve(subscription.id);
    expect(after.items.data[0]!.current_period_end).toBe(Date.UTC(2028, 2, 3, 10, 0, 0) / 1000);
    const invoices = paidInvoices(h, subscription.id);
    expect(invoices).toHaveLength(2);
    // The renewal happened at the anniversary, not when the clock was moved.
    expect(invoices.at(-1)!.created).toBe(anniversary);
    expect(invoices.at(-1)!.amount_paid).toBe(12_000);
  });

  it("refuses to move the clock backwards", async () => {
    const back = await advanceClock(h, Math.floor(now / 1000) - DAY);
    expect(back.status).toBe(400);
    expect(back.body.error?.message).toMatch(/frozen_time must be after/);
  });

  it("refuses intervals Stripe refuses: unknown values, and more than three years between payments", async () => {
    const price = (recurring: Record<string, unknown>) =>
      createSubscriptionSession(h.stripe, {
        line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 1000, recurring: recurring as never, product_data: { name: "Gift" } } }],
      });
    expect((await errorOf(price({ interval: "fortnight" }))).message).toMatch(
      /Invalid line_items\[0\]\[price_data\]\[recurring\]\[interval\]: must be one of day, month, week, or year/,
    );
    expect((await errorOf(price({ interval: "year", interval_count: 4 }))).message).toMatch(/maximum interval allowed is three years/);
    expect((await errorOf(price({ interval: "month", interval_count: 37 }))).message).toMatch(/maximum interval allowed is three years/);
    await expect(price({ interval: "month", interval_count: 36 })).resolves.toMatchObject({ object: "checkout.session" });
    await expect(price({ interval: "year", interval_count: 3 })).resolves.toMatchObject({ object: "checkout.session" });
  });

  it("pauses collection with behavior void: the period moves on, its invoice is voided, nothing is charged; it resumes at resumes_at", async () => {
    const subscription = await subscribe(h, "month");
    const firstEnd = subscription.items.data[0]!.current_period_end;
    const next = new Date(firstEnd * 1000);
    next.setUTCMonth(next.getUTCMonth() + 1);
    const secondEnd = next.getTime() / 1000;

    const paused = await h.stripe.subscriptions.update(subscription.id, { pause_collection: { behavior: "void", resumes_at: secondEnd } });
    // Stripe keeps the status: pause_collection is not the `paused` status.
    expect(paused.status).toBe("active");
    expect(paused.pause_collection).toEqual({ behavior: "void", resumes_at: secondEnd });
    const paidBefore = paidInvoices(h, subscription.id).length;
    const chargesBefore = Object.keys(h.emulator.state.charges).length;

    const skipped = await advanceClock(h, firstEnd + DAY);
    expect(skipped.body.events?.map((event) => event.type)).toEqual(["invoice.created", "invoice.voided", "customer.subscription.updated"]);
    expect(paidInvoices(h, subscription.id)).toHaveLength(paidBefore);
    expect(Object.keys(h.emulator.state.charges)).toHaveLength(chargesBefore);
    expect(invoicesOf(h, subscription.id).at(-1)).toMatchObject({ status: "void", amount_paid: 0 });
    const during = await h.stripe.subscriptions.retrieve(subscription.id);
    expect(during.items.data[0]!.current_period_end).toBe(secondEnd);
    expect(during.pause_collection).not.toBeNull();

    // At resumes_at Stripe clears the pause; that boundary's payment is collected again.
    const resumed = await advanceClock(h, secondEnd + DAY);
    expect(resumed.body.events?.map((event) => event.type)).toEqual([
      "customer.subscription.updated",
      "invoice.created",
      "invoice.finalized",
      "invoice.paid",
      "invoice.payment_succeeded",
      "customer.subscription.updated",
    ]);
    expect((await h.stripe.subscriptions.retrieve(subscription.id)).pause_collection).toBeNull();
    expect(paidInvoices(h, subscription.id)).toHaveLength(paidBefore + 1);
  });

  it("resumes early when pause_collection is unset with an empty value", async () => {
    const subscription = await subscribe(h, "month");
    const end = subscription.items.data[0]!.current_period_end;
    await h.stripe.subscriptions.update(subscription.id, { pause_collection: { behavior: "void", resumes_at: end + 60 * DAY } });
    const resumed = await h.stripe.subscriptions.update(subscription.id, { pause_collection: "" });
    expect(resumed.pause_collection).toBeNull();
    const renewed = await advanceClock(h, end + DAY);
    expect(renewed.body.events?.map((event) => event.type)).toContain("invoice.paid");
  });

  it("refuses what Stripe refuses: an unknown or missing behavior, resumes_at in the past", async () => {
    const subscription = await subscribe(h, "month");
    const nowSeconds = Math.floor(now / 1000) + h.emulator.state.clockOffset;
    const refused = [
      await errorOf(h.stripe.subscriptions.update(subscription.id, { pause_collection: { behavior: "stop" as never } })),
      await errorOf(h.stripe.subscriptions.update(subscription.id, { pause_collection: { resumes_at: nowSeconds + DAY } as never })),
      await errorOf(h.stripe.subscriptions.update(subscription.id, { pause_collection: { behavior: "void", resumes_at: nowSeconds - DAY } })),
    ];
    expect(refused.map((error) => [error.statusCode, error.message])).toEqual([
      [400, "Invalid pause_collection[behavior]: must be one of keep_as_draft, mark_uncollectible, or void"],
      [400, "Missing required param: pause_collection[behavior]."],
      [400, "pause_collection[resumes_at] must be in the future."],
    ]);
    // Nothing was changed by the refused requests.
    expect((await h.stripe.subscriptions.retrieve(subscription.id)).pause_collection).toBeNull();
  });

  it("moves only one customer's subscriptions when asked for that customer, like a test clock attached to it", async () => {
    const mine = await subscribe(h, "month");
    const theirs = await subscribe(h, "month");
    const end = mine.items.data[0]!.current_period_end;
    const offsetBefore = h.emulator.state.clockOffset;
    const moved = await advanceClock(h, end + DAY, mine.customer as string);
    expect(moved.body.events?.map((event) => event.type)).toContain("invoice.paid");
    expect(paidInvoices(h, mine.id)).toHaveLength(2);
    expect(paidInvoices(h, theirs.id)).toHaveLength(1);
    // The emulator's own time did not move, and that customer's clock cannot go back.
    expect(h.emulator.state.clockOffset).toBe(offsetBefore);
    expect((await advanceClock(h, end, mine.customer as string)).status).toBe(400);
  });
});
