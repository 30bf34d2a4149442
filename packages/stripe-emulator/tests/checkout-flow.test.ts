import type Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPaymentSession, createSubscriptionSession, pay, startEmulator, type Harness } from "../src/testing";

/** Event types emitted since `since` (an event count), oldest first. */
function typesSince(h: Harness, since: number): string[] {
  return h.emulator.state.events.slice(since).map((event) => event.type);
}

describe("hosted checkout page", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startEmulator();
  });
  afterAll(() => h.close());

  describe("GET", () => {
    it("shows a test-mode banner, what is paid, labelled fields, the submit button and Back", async () => {
      const session = await createPaymentSession(h.stripe);
      const response = await fetch(session.url!);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/html");
      const body = await response.text();
      expect(body).toContain('<html lang="en">');
      expect(body).toContain("TEST MODE — no real money moves.");
      expect(body).toContain("$25.00");
      expect(body).toContain("Gift to Free the Press");
      expect(body).toMatch(/<label for="email">Email<\/label>\s*<input id="email" name="email" type="email"[^>]*value="ada@example.org"/);
      expect(body).toMatch(/<label for="card-number">Card number<\/label>/);
      expect(body).toMatch(/<label for="card-name">Name on card/);
      expect(body).toContain('<button type="submit">Donate</button>'); // submit_type: donate
      expect(body).toContain('<a href="https://lantern.example/campaigns/free-the-press">Back</a>');
      expect(body).not.toContain("<script");
    });

    it("words the page by submit_type as Stripe does: Donate, Book, Pay; unset is Pay, or Subscribe for a subscription", async () => {
      const wording = async (session: Stripe.Checkout.Session) => {
        const body = await (await fetch(session.url!)).text();
        return { heading: /<h1>([^<]*)<\/h1>/.exec(body)?.[1], button: /<button type="submit"[^>]*>([^<]*)<\/button>/.exec(body)?.[1] };
      };
      expect(await wording(await createPaymentSession(h.stripe))).toEqual({ heading: "Donate to Lantern", button: "Donate" });
      expect(await wording(await createPaymentSession(h.stripe, { submit_type: undefined }))).toEqual({ heading: "Pay Lantern", button: "Pay" });
      expect(await wording(await createPaymentSession(h.stripe, { submit_type: "auto" }))).toEqual({ heading: "Pay Lantern", button: "Pay" });
      expect(await wording(await createPaymentSession(h.stripe, { submit_type: "book" }))).toEqual({ heading: "Book with Lantern", button: "Book" });
      expect(await wording(await createSubscriptionSession(h.stripe))).toEqual({ heading: "Subscribe to Lantern", button: "Subscribe" });
      const monthlyGift = await createSubscriptionSession(h.stripe, {
        submit_type: "donate",
        custom_text: { submit: { message: "A monthly gift, until you cancel." } },
      });
      expect(monthlyGift.submit_type).toBe("donate");
      expect(monthlyGift.custom_text.submit).toEqual({ message: "A monthly gift, until you cancel." });
      expect(await wording(monthlyGift)).toEqual({ heading: "Donate to Lantern", button: "Donate" });
      const body = await (await fetch(monthlyGift.url!)).text();
      expect(body).toContain('<p id="submit-message" class="muted">A monthly gift, until you cancel.</p>');
      expect(body).toContain('<button type="submit" aria-describedby="submit-message">Donate</button>');
      expect(body).not.toContain("Subscribe");
    });

    it("refuses a submit_type or custom_text Stripe refuses", async () => {
      const invalid = createPaymentSession(h.stripe, { submit_type: "gift" as Stripe.Checkout.SessionCreateParams.SubmitType });
      await expect(invalid).rejects.toMatchObject({ rawType: "invalid_request_error", param: "submit_type", statusCode: 400 });
      await expect(invalid).rejects.toThrow("Invalid submit_type: must be one of auto, book, donate, pay, or subscribe");
      await expect(createSubscriptionSession(h.stripe, { custom_text: { submit: { message: "x".repeat(1201) } } })).rejects.toMatchObject({
        param: "custom_text[submit][message]",
      });
    });

    it("says per month for subscriptions", async () => {
      const session = await createSubscriptionSession(h.stripe);
      const body = await (await fetch(session.url!)).text();
      expect(body).toMatch(/\$10\.00 <span class="muted">per month<\/span>/);
    });

    it("formats zero-decimal currencies from minor units", async () => {
      const session = await createPaymentSession(h.stripe, {
        line_items: [{ quantity: 1, price_data: { currency: "jpy", unit_amount: 5000, product_data: { name: "Gift" } } }],
      });
      expect(session.amount_total).toBe(5000);
      const body = await (await fetch(session.url!)).text();
      expect(body).toContain("¥5,000");
      expect(body).not.toContain("¥50.00");
    });

    it("escapes what the app put in the session", async () => {
      const session = await createPaymentSession(h.stripe, {
        line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 1000, product_data: { name: "<b>Bold</b> & co" } } }],
      });
      const body = await (await fetch(session.url!)).text();
      expect(body).toContain("&lt;b&gt;Bold&lt;/b&gt; &amp; co");
    });

    it("404s for an unknown session", async () => {
      const response = await fetch(`${h.origin}/stripe-emulator/checkout/cs_test_nope`);
      expect(response.status).toBe(404);
    });
  });

  describe("paying in payment mode", () => {
    let before = 0;
    afterEach(() => {
      before = h.emulator.state.events.length;
    });

    it("succeeds with 4242, redirects to success_url and records the payment", async () => {
      before = h.emulator.state.events.length;
      const session = await createPaymentSession(h.stripe);
      const response = await pay(session, "4242 4242 4242 4242");
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe(`https://lantern.example/donate/thank-you?session_id=${session.id}`);

      const paid = await h.stripe.checkout.sessions.retrieve(session.id);
      expect(paid).toMatchObject({
        status: "complete",
        payment_status: "paid",
        amount_total: 2500,
        amount_subtotal: 2500,
        currency: "usd",
        // payment mode without customer_creation=always: a guest payment, like Stripe
        customer: null,
        customer_details: { email: "ada@example.org", name: "Ada Lovelace" },
        url: null,
      });
      const intent = await h.stripe.paymentIntents.retrieve(paid.payment_intent as string);
      expect(intent).toMatchObject({
        status: "succeeded",
        amount: 2500,
        amount_received: 2500,
        currency: "usd",
        customer: null,
        description: "Gift to Free the Press",
        metadata: { campaign: "free-the-press", fee_covered: "true" },
      });
      expect(intent.id).toMatch(/^pi_/);
      const charge = await h.stripe.charges.retrieve(intent.latest_charge as string);
      expect(charge).toMatchObject({
        status: "succeeded",
        paid: true,
        captured: true,
        amount: 2500,
        amount_refunded: 0,
        refunded: false,
        payment_intent: intent.id,
        billing_details: { email: "ada@example.org", name: "Ada Lovelace" },
        metadata: { campaign: "free-the-press", fee_covered: "true" },
      });
      expect(charge.payment_method_details?.card).toMatchObject({ brand: "visa", last4: "4242", funding: "credit" });
      expect(typesSince(h, before)).toEqual(["payment_intent.succeeded", "charge.succeeded", "checkout.session.completed"]);
      const completed = h.emulator.state.events.at(-1)!;
      expect(completed.request).toEqual({ id: null, idempotency_key: null });
      expect((completed.data.object as { id: string; status: string }).status).toBe("complete");
    });

    it("creates a Customer with customer_creation=always (customer.created first)", async () => {
      before = h.emulator.state.events.length;
      const session = await createPaymentSession(h.stripe, { customer_creation: "always" });
      await pay(session, "4242424242424242", "new.donor@example.org", "");
      const paid = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["customer", "payment_intent"] });
      const customer = paid.customer as Stripe.Customer;
      expect(customer).toMatchObject({ email: "new.donor@example.org", name: null });
      expect((paid.payment_intent as Stripe.PaymentIntent).customer).toBe(customer.id);
      expect(typesSince(h, before)).toEqual(["customer.created", "payment_intent.succeeded", "charge.succeeded", "checkout.session.completed"]);
    });

    it("uses an existing customer and sends no customer.created", async () => {
      const customer = await h.stripe.customers.create({ email: "known@example.org", name: "Known" });
      before = h.emulator.state.events.length;
      const session = await createPaymentSession(h.stripe, { customer_email: undefined, customer: customer.id });
      const page = await (await fetch(session.url!)).text();
      expect(page).toContain('value="known@example.org"');
      await pay(session, "4242 4242 4242 4242", "known@example.org");
      const paid = await h.stripe.checkout.sessions.retrieve(session.id);
      expect(paid.customer).toBe(customer.id);
      expect(typesSince(h, before)).toEqual(["payment_intent.succeeded", "charge.succeeded", "checkout.session.completed"]);
    });

    it.each([
      ["4000 0000 0000 0002", 402, "Your card was declined."],
      ["4000 0000 0000 9995", 402, "Your card has insufficient funds."],
      ["4242 4242 4242 4241", 400, "Your card number is invalid."],
      ["", 400, "Your card number is incomplete."],
    ])("re-renders %s with Stripe's message and records nothing", async (card, status, message) => {
      const session = await createPaymentSession(h.stripe);
      before = h.emulator.state.events.length;
      const intents = Object.keys(h.emulator.state.paymentIntents).length;
      const customers = Object.keys(h.emulator.state.customers).length;
      const response = await pay(session, card);
      expect(response.status).toBe(status);
      const body = await response.text();
      expect(body).toContain(`<p id="card-error" class="error" role="alert">${message}</p>`);
      expect(body).toMatch(/<input id="card-number"[^>]*aria-invalid="true"/);
      expect(body).toContain('value="ada@example.org"');
      expect(h.emulator.state.events.length).toBe(before);
      expect(Object.keys(h.emulator.state.paymentIntents).length).toBe(intents);
      expect(Object.keys(h.emulator.state.customers).length).toBe(customers);
      const still = await h.stripe.checkout.sessions.retrieve(session.id);
      expect(still).toMatchObject({ status: "open", payment_status: "unpaid", payment_intent: null });
    });

    it("asks for a valid email", async () => {
      const session = await createPaymentSession(h.stripe);
      const response = await pay(session, "4242 4242 4242 4242", "not-an-email");
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('role="alert">Your email address is invalid.</p>');
    });

    it("treats a second Pay after success as the same payment", async () => {
      const session = await createPaymentSession(h.stripe);
      await pay(session);
      before = h.emulator.state.events.length;
      const again = await pay(session);
      expect(again.status).toBe(303);
      expect(again.headers.get("location")).toContain(session.id);
      expect(h.emulator.state.events.length).toBe(before);
    });
  });

  describe("paying in subscription mode", () => {
    it("creates customer, subscription (periods on the item), paid first invoice and its payment, in Stripe's event order", async () => {
      const before = h.emulator.state.events.length;
      const session = await createSubscriptionSession(h.stripe);
      const response = await pay(session, "4242 4242 4242 4242", "grace@example.org", "Grace Hopper");
      expect(response.status).toBe(303);
      expect(typesSince(h, before)).toEqual([
        "customer.created",
        "customer.subscription.created",
        "invoice.created",
        "invoice.finalized",
        "invoice.paid",
        "invoice.payment_succeeded",
        "checkout.session.completed",
      ]);

      const paid = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["subscription", "invoice", "customer"] });
      expect(paid).toMatchObject({ status: "complete", payment_status: "paid", mode: "subscription", amount_total: 1000, payment_intent: null });
      const customer = paid.customer as Stripe.Customer;
      expect(customer).toMatchObject({ email: "grace@example.org", name: "Grace Hopper" });

      const subscription = paid.subscription as Stripe.Subscription;
      expect(subscription).toMatchObject({
        status: "active",
        customer: customer.id,
        currency: "usd",
        collection_method: "charge_automatically",
        cancel_at_period_end: false,
        metadata: { campaign: "free-the-press" },
        description: "Monthly gift",
        latest_invoice: (paid.invoice as Stripe.Invoice).id,
      });
      // API 2025-03-31+: the billing period is on the item, not the subscription.
      expect("current_period_end" in subscription).toBe(false);
      expect("current_period_start" in subscription).toBe(false);
      const item = subscription.items.data[0]!;
      expect(item.id).toMatch(/^si_/);
      expect(item.quantity).toBe(1);
      expect(item.price).toMatchObject({ unit_amount: 1000, currency: "usd", type: "recurring", recurring: { interval: "month", interval_count: 1 } });
      expect(item.current_period_start).toBe(subscription.start_date);
      const start = new Date(item.current_period_start * 1000);
      const end = new Date(item.current_period_end * 1000);
      expect(end.getUTCFullYear() * 12 + end.getUTCMonth() - (start.getUTCFullYear() * 12 + start.getUTCMonth())).toBe(1);
      expect(subscription.default_payment_method).toMatch(/^pm_/);

      const invoice = await h.stripe.invoices.retrieve((paid.invoice as Stripe.Invoice).id, { expand: ["payments"] });
      expect(invoice).toMatchObject({
        status: "paid",
        billing_reason: "subscription_create",
        amount_due: 1000,
        amount_paid: 1000,
        amount_remaining: 0,
        customer: customer.id,
        customer_email: "grace@example.org",
        parent: {
          type: "subscription_details",
          subscription_details: { subscription: subscription.id, metadata: { campaign: "free-the-press" } },
        },
      });
      expect("subscription" in invoice).toBe(false);
      expect(invoice.number).toBe(`${customer.invoice_prefix}-0001`);
      const line = invoice.lines.data[0]!;
      expect(line).toMatchObject({
        amount: 1000,
        period: { start: item.current_period_start, end: item.current_period_end },
        parent: { type: "subscription_item_details", subscription_item_details: { subscription: subscription.id, subscription_item: item.id } },
      });
      expect(line.pricing?.price_details?.price).toBe(item.price.id);
      const payment = invoice.payments?.data[0];
      expect(payment).toMatchObject({ status: "paid", amount_paid: 1000, payment: { type: "payment_intent" } });
      const intent = await h.stripe.paymentIntents.retrieve(payment!.payment.payment_intent as string, { expand: ["latest_charge"] });
      expect(intent).toMatchObject({ status: "succeeded", amount: 1000, customer: customer.id, description: "Subscription creation" });
      expect((intent.latest_charge as Stripe.Charge).payment_method_details?.card?.last4).toBe("4242");

      // Event payloads are snapshots: the invoice was a draft when invoice.created happened.
      const created = h.emulator.state.events.slice(before).find((event) => event.type === "invoice.created")!;
      expect((created.data.object as { status: string }).status).toBe("draft");
      const listed = await h.stripe.invoices.list({ subscription: subscription.id });
      expect(listed.data.map((candidate) => candidate.id)).toEqual([invoice.id]);
    });

    it("refuses payment-mode-only params in subscription mode", async () => {
      await expect(createSubscriptionSession(h.stripe, { customer_creation: "always" })).rejects.toMatchObject({ param: "customer_creation" });
      await expect(createSubscriptionSession(h.stripe, { payment_intent_data: { description: "x" } })).rejects.toMatchObject({ param: "payment_intent_data" });
    });
  });
});
