import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settlementTime, TEST_BANK_ACCOUNTS } from "../src/bank-accounts";
import { processingFee } from "../src/fees";
import { createPaymentSession, createSubscriptionSession, startEmulator, submitForm, TEST_AUTH, type Harness } from "../src/testing";

/** Moves the emulator's clock on by `seconds`; with `customer`, only that customer's (their own test clock, which keeps its time). */
async function advanceClock(h: Harness, seconds: number, customer?: { id: string; at: number }): Promise<{ events: { id: string; type: string }[] }> {
  const { frozen_time: now } = (await (await fetch(`${h.origin}/stripe-emulator/test-helpers/clock`, { headers: TEST_AUTH })).json()) as {
    frozen_time: number;
  };
  const from = customer ? customer.at : now;
  if (customer) customer.at = from + seconds;
  const response = await fetch(`${h.origin}/stripe-emulator/test-helpers/clock/advance`, {
    method: "POST",
    headers: { ...TEST_AUTH, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ frozen_time: String(from + seconds), ...(customer ? { customer: customer.id } : {}) }).toString(),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { events: { id: string; type: string }[] };
}

function payByAch(session: Stripe.Checkout.Session, account: string = TEST_BANK_ACCOUNTS.usSuccess) {
  return submitForm(session.url!, {
    email: "ada@example.org",
    payment_method: "us_bank_account",
    routing_number: TEST_BANK_ACCOUNTS.usRoutingNumber,
    account_number: account,
    account_holder_name: "Ada Okafor",
  });
}

const EUR_SESSION: Partial<Stripe.Checkout.SessionCreateParams> = {
  line_items: [{ quantity: 1, price_data: { currency: "eur", unit_amount: 5000, product_data: { name: "Gift" } } }],
};

describe("bank debits on the hosted checkout page", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startEmulator({ webhookUrl: null });
  });
  afterAll(() => h.close());

  it("offers a US bank account for USD and SEPA Direct Debit for EUR, with labelled fields, for one-off and monthly", async () => {
    const usd = await (await fetch((await createPaymentSession(h.stripe)).url!)).text();
    expect(usd).toContain("<legend>Payment method</legend>");
    expect(usd).toMatch(/<input type="radio" name="payment_method" value="us_bank_account"> US bank account<\/label>/);
    expect(usd).toMatch(/<label for="routing-number">Routing number<\/label>\s*<input id="routing-number"/);
    expect(usd).toMatch(/<label for="account-number">Account number<\/label>\s*<input id="account-number"/);
    expect(usd).not.toContain('id="iban"');
    const eur = await (await fetch((await createPaymentSession(h.stripe, EUR_SESSION)).url!)).text();
    expect(eur).toMatch(/value="sepa_debit"> SEPA Direct Debit<\/label>/);
    expect(eur).toMatch(/<label for="iban">IBAN<\/label>\s*<input id="iban"/);
    expect(usd).toMatch(/<label for="account-holder">Account holder name<\/label>\s*<input id="account-holder" name="account_holder_name"/);
    expect(usd).toMatch(/<label for="card-name">Name on card/);
    const monthly = await (await fetch((await createSubscriptionSession(h.stripe)).url!)).text();
    expect(monthly).toMatch(/value="us_bank_account"> US bank account<\/label>/);
  });

  it("refuses a bank debit without the account holder's name, writing nothing", async () => {
    const session = await createPaymentSession(h.stripe);
    const before = h.emulator.state.events.length;
    const response = await submitForm(session.url!, {
      email: "ada@example.org",
      payment_method: "us_bank_account",
      routing_number: TEST_BANK_ACCOUNTS.usRoutingNumber,
      account_number: TEST_BANK_ACCOUNTS.usSuccess,
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("The account holder&#39;s name is required.");
    expect(h.emulator.state.events.length).toBe(before);
  });

  it("refuses an account number that is not a test account, writing nothing", async () => {
    const session = await createPaymentSession(h.stripe);
    const before = h.emulator.state.events.length;
    const response = await payByAch(session, "000000000000");
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Your account number is invalid.");
    expect(h.emulator.state.events.length).toBe(before);
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).status).toBe("open");
  });

  it("ACH that succeeds: processing and unpaid at once, then succeeded with the ACH fee after 4 business days", async () => {
    const session = await createPaymentSession(h.stripe);
    const before = h.emulator.state.events.length;
    const response = await payByAch(session);
    expect(response.status).toBe(303);
    const completed = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent.latest_charge"] });
    expect(completed).toMatchObject({ status: "complete", payment_status: "unpaid" });
    const intent = completed.payment_intent as Stripe.PaymentIntent;
    expect(intent.status).toBe("processing");
    const charge = intent.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({ status: "pending", balance_transaction: null, payment_method_details: { type: "us_bank_account" } });
    expect(charge.payment_method_details?.us_bank_account?.last4).toBe("6789");
    const started = h.emulator.state.events.slice(before).map((event) => event.type);
    expect(started).toEqual(["payment_intent.processing", "charge.pending", "checkout.session.completed"]);
    const completedEvent = h.emulator.state.events.find(
      (event) => event.type === "checkout.session.completed" && (event.data.object as { id: string }).id === session.id,
    );
    expect((completedEvent!.data.object as unknown as Stripe.Checkout.Session).payment_status).toBe("unpaid");

    // Not yet: a day on the clock changes nothing.
    expect((await advanceClock(h, 86_400)).events).toEqual([]);
    const settled = await advanceClock(h, 6 * 86_400);
    expect(settled.events.map((event) => event.type)).toEqual(["charge.succeeded", "payment_intent.succeeded", "checkout.session.async_payment_succeeded"]);
    const event = h.emulator.state.events.find((candidate) => candidate.id === settled.events[2]!.id)!;
    expect(event.request).toEqual({ id: null, idempotency_key: null }); // automatic
    expect((event.data.object as unknown as Stripe.Checkout.Session).payment_status).toBe("paid");
    const paid = await h.stripe.paymentIntents.retrieve(intent.id, { expand: ["latest_charge.balance_transaction"] });
    expect(paid.status).toBe("succeeded");
    const transaction = (paid.latest_charge as Stripe.Charge).balance_transaction as Stripe.BalanceTransaction;
    // 0.8% of $25.00 = 20 cents (ACH Direct Debit, capped at $5).
    expect(transaction).toMatchObject({ type: "payment", amount: 2500, fee: 20, net: 2480 });
    expect(transaction.fee).toBe(processingFee({ method: "us_bank_account", amount: 2500, currency: "usd", cardCountry: null, plan: "standard" }));
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe("paid");
  });

  it("ACH that fails: requires_payment_method, a failed charge and async_payment_failed, no balance transaction", async () => {
    const session = await createPaymentSession(h.stripe);
    await payByAch(session, TEST_BANK_ACCOUNTS.usFailure);
    const settled = await advanceClock(h, 7 * 86_400);
    expect(settled.events.map((event) => event.type)).toEqual(["charge.failed", "payment_intent.payment_failed", "checkout.session.async_payment_failed"]);
    const after = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent.latest_charge"] });
    expect(after.payment_status).toBe("unpaid");
    const intent = after.payment_intent as Stripe.PaymentIntent;
    expect(intent.status).toBe("requires_payment_method");
    expect(intent.last_payment_error?.decline_code).toBe("account_closed");
    expect(intent.latest_charge).toMatchObject({ status: "failed", failure_code: "account_closed", balance_transaction: null });
  });

  it("SEPA Direct Debit for EUR: the failing IBAN fails, the other succeeds with the SEPA fee", async () => {
    const good = await createPaymentSession(h.stripe, EUR_SESSION);
    const bad = await createPaymentSession(h.stripe, EUR_SESSION);
    expect(
      (
        await submitForm(good.url!, {
          email: "ada@example.org",
          payment_method: "sepa_debit",
          iban: "DE89 3704 0044 0532 0130 00",
          account_holder_name: "Ada Okafor",
        })
      ).status,
    ).toBe(303);
    expect(
      (
        await submitForm(bad.url!, {
          email: "ada@example.org",
          payment_method: "sepa_debit",
          iban: TEST_BANK_ACCOUNTS.sepaFailure,
          account_holder_name: "Ada Okafor",
        })
      ).status,
    ).toBe(303);
    const settled = await advanceClock(h, 8 * 86_400);
    expect(settled.events.map((event) => event.type).filter((type) => type.startsWith("checkout.session"))).toEqual([
      "checkout.session.async_payment_succeeded",
      "checkout.session.async_payment_failed",
    ]);
    const paid = await h.stripe.checkout.sessions.retrieve(good.id, { expand: ["payment_intent.latest_charge.balance_transaction"] });
    const charge = (paid.payment_intent as Stripe.PaymentIntent).latest_charge as Stripe.Charge;
    expect(charge.payment_method_details?.type).toBe("sepa_debit");
    expect((charge.balance_transaction as Stripe.BalanceTransaction).fee).toBe(
      processingFee({ method: "sepa_debit", amount: 5000, currency: "eur", cardCountry: null, plan: "standard" }),
    );
    expect((await h.stripe.checkout.sessions.retrieve(bad.id)).payment_status).toBe("unpaid");
  });
});

describe("settlementTime", () => {
  it("counts business days: ACH paid on a Friday settles the next Thursday; SEPA five business days", () => {
    const friday = Date.UTC(2026, 11, 4, 12) / 1000; // Fri 4 Dec 2026
    expect(new Date(settlementTime("us_bank_account", friday) * 1000).toISOString()).toBe("2026-12-10T12:00:00.000Z");
    expect(new Date(settlementTime("sepa_debit", friday) * 1000).toISOString()).toBe("2026-12-11T12:00:00.000Z");
  });
});

describe("bank debits on a customer's own clock", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startEmulator({ webhookUrl: null });
  });
  afterAll(() => h.close());

  it("settles only that customer's debits", async () => {
    const mine = await createPaymentSession(h.stripe, { customer_creation: "always" });
    const theirs = await createPaymentSession(h.stripe, { customer_creation: "always" });
    await payByAch(mine);
    await payByAch(theirs);
    const customer = String((await h.stripe.checkout.sessions.retrieve(mine.id)).customer);
    const { frozen_time: now } = (await (await fetch(`${h.origin}/stripe-emulator/test-helpers/clock`, { headers: TEST_AUTH })).json()) as {
      frozen_time: number;
    };
    const response = await fetch(`${h.origin}/stripe-emulator/test-helpers/clock/advance`, {
      method: "POST",
      headers: { ...TEST_AUTH, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ frozen_time: String(now + 7 * 86_400), customer }).toString(),
    });
    expect(response.status).toBe(200);
    expect((await h.stripe.checkout.sessions.retrieve(mine.id)).payment_status).toBe("paid");
    expect((await h.stripe.checkout.sessions.retrieve(theirs.id)).payment_status).toBe("unpaid");
  });
});

describe("monthly gifts by bank debit", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startEmulator({ webhookUrl: null });
  });
  afterAll(() => h.close());

  const typesSince = (from: number) => h.emulator.state.events.slice(from).map((event) => event.type);

  it("the first invoice stays open and processing while the subscription is active; Checkout completes unpaid, then the invoice is paid", async () => {
    const session = await createSubscriptionSession(h.stripe);
    const before = h.emulator.state.events.length;
    expect((await payByAch(session)).status).toBe(303);
    const completed = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["subscription", "invoice.payments"] });
    expect(completed).toMatchObject({ status: "complete", payment_status: "unpaid" });
    const subscription = completed.subscription as Stripe.Subscription;
    expect(subscription.status).toBe("active");
    const invoice = completed.invoice as Stripe.Invoice;
    expect(invoice).toMatchObject({ status: "open", amount_paid: 0, attempted: true });
    const intentId = String(invoice.payments!.data[0]!.payment.payment_intent);
    expect((await h.stripe.paymentIntents.retrieve(intentId)).status).toBe("processing");
    const paymentMethod = await h.stripe.paymentMethods.retrieve(String(subscription.default_payment_method));
    expect(paymentMethod).toMatchObject({ type: "us_bank_account", customer: completed.customer, billing_details: { name: "Ada Okafor" } });
    expect(typesSince(before)).not.toContain("invoice.paid");
    expect(typesSince(before)).toContain("payment_intent.processing");
    expect(typesSince(before).at(-1)).toBe("checkout.session.completed");

    const settled = await advanceClock(h, 7 * 86_400);
    expect(settled.events.map((event) => event.type)).toEqual([
      "charge.succeeded",
      "payment_intent.succeeded",
      "invoice.paid",
      "invoice.payment_succeeded",
      "checkout.session.async_payment_succeeded",
    ]);
    expect((await h.stripe.invoices.retrieve(invoice.id)).status).toBe("paid");
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe("paid");
  });

  it("a first debit that fails: invoice.payment_failed, the subscription past due, Checkout's async_payment_failed", async () => {
    const session = await createSubscriptionSession(h.stripe);
    await payByAch(session, TEST_BANK_ACCOUNTS.usFailure);
    const settled = await advanceClock(h, 7 * 86_400);
    expect(settled.events.map((event) => event.type)).toEqual([
      "charge.failed",
      "payment_intent.payment_failed",
      "invoice.payment_failed",
      "customer.subscription.updated",
      "checkout.session.async_payment_failed",
    ]);
    const after = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["subscription", "invoice"] });
    expect((after.subscription as Stripe.Subscription).status).toBe("past_due");
    expect((after.invoice as Stripe.Invoice).status).toBe("open");
    expect(after.payment_status).toBe("unpaid");
  });

  it("a renewal by bank debit is processing at the period's end and paid when it settles, within one advance of the clock", async () => {
    const session = await createSubscriptionSession(h.stripe);
    await payByAch(session);
    const completed = await h.stripe.checkout.sessions.retrieve(session.id);
    const subscriptionId = String(completed.subscription);
    // This donor's own clock, so the other tests' subscriptions stay where they are.
    const { frozen_time: now } = (await (await fetch(`${h.origin}/stripe-emulator/test-helpers/clock`, { headers: TEST_AUTH })).json()) as {
      frozen_time: number;
    };
    const clock = { id: String(completed.customer), at: now };
    const first = await advanceClock(h, 7 * 86_400, clock);
    expect(first.events.map((event) => event.type)).toContain("invoice.paid");
    const periodEnd = (await h.stripe.subscriptions.retrieve(subscriptionId)).items.data[0]!.current_period_end;
    // Past the period's end but not its debit's settlement: the renewal's invoice is open, its payment processing.
    const renewed = await advanceClock(h, periodEnd - clock.at + 60, clock);
    const renewedTypes = renewed.events.map((event) => event.type);
    expect(renewedTypes).toContain("payment_intent.processing");
    expect(renewedTypes).not.toContain("invoice.paid");
    const open = await h.stripe.invoices.list({ subscription: subscriptionId, status: "open" });
    expect(open.data).toHaveLength(1);
    expect(open.data[0]!.billing_reason).toBe("subscription_cycle");
    expect((await h.stripe.subscriptions.retrieve(subscriptionId)).status).toBe("active");
    const paid = await advanceClock(h, 7 * 86_400, clock);
    expect(paid.events.map((event) => event.type)).toEqual(expect.arrayContaining(["invoice.paid", "invoice.payment_succeeded"]));
    expect(paid.events.map((event) => event.type)).not.toContain("checkout.session.async_payment_succeeded");
    expect((await h.stripe.invoices.retrieve(open.data[0]!.id)).status).toBe("paid");
  });

  it("the fail-renewal helper on a bank account: processing first, then the renewal fails and the subscription is past due", async () => {
    const session = await createSubscriptionSession(h.stripe);
    await payByAch(session);
    const subscriptionId = String((await h.stripe.checkout.sessions.retrieve(session.id)).subscription);
    await advanceClock(h, 7 * 86_400);
    const response = await fetch(`${h.origin}/stripe-emulator/test-helpers/subscriptions/${subscriptionId}/fail-renewal`, {
      method: "POST",
      headers: TEST_AUTH,
    });
    expect(response.status).toBe(200);
    expect((await h.stripe.subscriptions.retrieve(subscriptionId)).status).toBe("active");
    const settled = await advanceClock(h, 7 * 86_400);
    expect(settled.events.map((event) => event.type)).toEqual(expect.arrayContaining(["invoice.payment_failed", "customer.subscription.updated"]));
    expect((await h.stripe.subscriptions.retrieve(subscriptionId)).status).toBe("past_due");
  });
});
