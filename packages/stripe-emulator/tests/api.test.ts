import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPaymentSession, pay, startEmulator, stripeClientFor, type Harness } from "../src/testing";

/** Runs a call that must fail and returns the SDK's error. */
async function failure(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("Stripe emulator API through the stripe SDK", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startEmulator();
  });
  afterAll(() => h.close());

  describe("checkout sessions", () => {
    it("creates an open hosted session under the emulator's origin", async () => {
      const session = await createPaymentSession(h.stripe, { client_reference_id: "form-123" });
      expect(session.id).toMatch(/^cs_test_a1[A-Za-z0-9]{56}$/);
      expect(session).toMatchObject({
        object: "checkout.session",
        livemode: false,
        mode: "payment",
        status: "open",
        payment_status: "unpaid",
        amount_subtotal: 2500,
        amount_total: 2500,
        currency: "usd",
        customer: null,
        customer_email: "ada@example.org",
        customer_creation: "if_required",
        submit_type: "donate",
        metadata: { campaign: "free-the-press" },
        client_reference_id: "form-123",
        payment_intent: null,
        ui_mode: "hosted_page",
        cancel_url: "https://lantern.example/campaigns/free-the-press",
      });
      expect(session.url).toBe(`${h.origin}/stripe-emulator/checkout/${session.id}`);
      expect(session.expires_at - session.created).toBe(24 * 60 * 60);
      expect(session.line_items).toBeUndefined(); // includable only
    });

    it("retrieves with expand and lists line items with their prices", async () => {
      const session = await createPaymentSession(h.stripe);
      const retrieved = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["line_items", "payment_intent"] });
      expect(retrieved.payment_intent).toBeNull();
      const item = retrieved.line_items?.data[0];
      expect(item).toMatchObject({ object: "item", quantity: 1, amount_total: 2500, currency: "usd", description: "Gift to Free the Press" });
      expect(item?.price).toMatchObject({ object: "price", type: "one_time", unit_amount: 2500, currency: "usd" });
      // The SDK turns decimal strings into its Decimal type, so the wire value was a decimal string.
      expect(String(item?.price?.unit_amount_decimal)).toBe("2500");

      const lines = await h.stripe.checkout.sessions.listLineItems(session.id, { expand: ["data.price.product"] });
      const product = lines.data[0]?.price?.product as Stripe.Product;
      expect(product).toMatchObject({ object: "product", name: "Gift to Free the Press", description: "One-off gift" });
    });

    it("expands payment_intent.latest_charge and customer once paid", async () => {
      const session = await createPaymentSession(h.stripe, { customer_creation: "always" });
      await pay(session);
      const paid = await h.stripe.checkout.sessions.retrieve(session.id, {
        expand: ["payment_intent.latest_charge", "customer"],
      });
      const intent = paid.payment_intent as Stripe.PaymentIntent;
      const charge = intent.latest_charge as Stripe.Charge;
      const customer = paid.customer as Stripe.Customer;
      expect(intent.object).toBe("payment_intent");
      expect(charge.object).toBe("charge");
      expect(charge.payment_method_details?.card).toMatchObject({ brand: "visa", last4: "4242" });
      expect(customer).toMatchObject({ object: "customer", email: "ada@example.org", name: "Ada Lovelace" });
    });

    it("refuses an expansion that is not expandable", async () => {
      const session = await createPaymentSession(h.stripe);
      const error = await failure(h.stripe.checkout.sessions.retrieve(session.id, { expand: ["amount_total"] }));
      expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(error.message).toBe("This property cannot be expanded (amount_total).");
    });

    it("expires an open session and reports it", async () => {
      const session = await createPaymentSession(h.stripe);
      const expired = await h.stripe.checkout.sessions.expire(session.id);
      expect(expired.status).toBe("expired");
      expect(expired.url).toBeNull();
      const again = await failure(h.stripe.checkout.sessions.expire(session.id));
      expect(again.code).toBe("checkout_session_not_open");
      const events = await h.stripe.events.list({ type: "checkout.session.expired" });
      expect(events.data.map((event) => (event.data.object as Stripe.Checkout.Session).id)).toContain(session.id);
      const page = await fetch(`${h.origin}/stripe-emulator/checkout/${session.id}`);
      expect(page.status).toBe(410);
    });

    it("lists sessions newest first, filtered by payment intent", async () => {
      const session = await createPaymentSession(h.stripe);
      await pay(session);
      const paid = await h.stripe.checkout.sessions.retrieve(session.id);
      const found = await h.stripe.checkout.sessions.list({ payment_intent: paid.payment_intent as string });
      expect(found.data.map((candidate) => candidate.id)).toEqual([session.id]);
    });
  });

  describe("idempotency keys", () => {
    it("replays the first response for the same key and params", async () => {
      const key = `donate-form-${Math.random()}`;
      const first = await createPaymentSession(h.stripe, {}, { idempotencyKey: key });
      const second = await createPaymentSession(h.stripe, {}, { idempotencyKey: key });
      expect(second.id).toBe(first.id);
      expect(second.lastResponse.headers["idempotent-replayed"]).toBe("true");
      const sessions = await h.stripe.checkout.sessions.list({ limit: 100 });
      expect(sessions.data.filter((session) => session.id === first.id)).toHaveLength(1);
    });

    it("refuses the same key with different params", async () => {
      const key = `donate-form-${Math.random()}`;
      await createPaymentSession(h.stripe, {}, { idempotencyKey: key });
      const error = await failure(createPaymentSession(h.stripe, { metadata: { campaign: "other" } }, { idempotencyKey: key }));
      expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
      expect(error.statusCode).toBe(400);
      expect(error.rawType).toBe("idempotency_error");
      expect(error.message).toContain("can only be used with the same parameters");
    });

    it("does not save a request refused at validation, so the key stays usable", async () => {
      const key = `donate-form-${Math.random()}`;
      await failure(createPaymentSession(h.stripe, { mode: undefined }, { idempotencyKey: key }));
      const session = await createPaymentSession(h.stripe, {}, { idempotencyKey: key });
      expect(session.status).toBe("open");
    });
  });

  describe("errors are shaped like Stripe's", () => {
    it("400 parameter_missing for a missing mode", async () => {
      const error = await failure(createPaymentSession(h.stripe, { mode: undefined }));
      expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(error).toMatchObject({ statusCode: 400, code: "parameter_missing", param: "mode", message: "Missing required param: mode." });
    });

    it("400 for unknown params, bad enums, conflicting params, tiny amounts, recurring prices in payment mode", async () => {
      const unknown = await failure(createPaymentSession(h.stripe, { bogus: "x" } as Partial<Stripe.Checkout.SessionCreateParams>));
      expect(unknown).toMatchObject({ statusCode: 400, code: "parameter_unknown", param: "bogus" });
      expect(unknown.message).toMatch(/^Received unknown parameter: bogus/);

      const badMode = await failure(createPaymentSession(h.stripe, { mode: "donation" as "payment" }));
      expect(badMode.message).toBe("Invalid mode: must be one of payment, setup, or subscription");

      const both = await failure(createPaymentSession(h.stripe, { customer: "cus_x" }));
      expect(both.message).toBe("You may only specify one of these parameters: customer, customer_email.");

      const tiny = await failure(
        createPaymentSession(h.stripe, {
          line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 20, product_data: { name: "Gift" } } }],
        }),
      );
      expect(tiny).toMatchObject({ code: "amount_too_small" });
      expect(tiny.message).toBe("The Checkout Session's total amount due must add up to at least $0.50 usd");

      const recurring = await failure(
        createPaymentSession(h.stripe, {
          line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 1000, recurring: { interval: "month" }, product_data: { name: "Gift" } } }],
        }),
      );
      expect(recurring.message).toContain("You specified `payment` mode but passed a recurring price");

      const noQuantity = await failure(
        createPaymentSession(h.stripe, { line_items: [{ price_data: { currency: "usd", unit_amount: 1000, product_data: { name: "Gift" } } }] }),
      );
      expect(noQuantity).toMatchObject({ code: "parameter_missing", param: "line_items[0][quantity]" });

      const badUrl = await failure(createPaymentSession(h.stripe, { success_url: "not a url" }));
      expect(badUrl).toMatchObject({ param: "success_url", code: "url_invalid" });
    });

    it("400 resource_missing for a referenced object that does not exist", async () => {
      const error = await failure(createPaymentSession(h.stripe, { customer_email: undefined, customer: "cus_missing" }));
      expect(error).toMatchObject({ statusCode: 400, code: "resource_missing", param: "customer", message: "No such customer: 'cus_missing'" });
    });

    it("404 resource_missing for an unknown id in the path", async () => {
      const error = await failure(h.stripe.checkout.sessions.retrieve("cs_test_missing"));
      expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(error).toMatchObject({ statusCode: 404, code: "resource_missing", message: "No such checkout.session: 'cs_test_missing'" });
    });

    it("401 without a test-mode secret key", async () => {
      const raw = await fetch(`${h.origin}/stripe-emulator/v1/customers`);
      expect(raw.status).toBe(401);
      const body = (await raw.json()) as { error: { type: string; message: string } };
      expect(body.error.type).toBe("invalid_request_error");
      expect(body.error.message).toMatch(/^You did not provide an API key/);

      const live = stripeClientFor(h.origin, "sk_live_abcdefghijklmnop");
      const error = await failure(live.customers.list());
      expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
      expect(error.statusCode).toBe(401);
    });

    it("404 for URLs the emulator does not implement", async () => {
      const error = await failure(h.stripe.coupons.list());
      expect(error.statusCode).toBe(404);
      expect(error.message).toMatch(/^Unrecognized request URL \(GET: \/v1\/coupons\)/);
    });
  });

  describe("customers", () => {
    it("creates, retrieves, updates and lists by email", async () => {
      const email = `donor-${Math.random().toString(36).slice(2)}@example.org`;
      const customer = await h.stripe.customers.create({ email, name: "Donor", metadata: { source: "test", drop: "me" } });
      expect(customer.id).toMatch(/^cus_[A-Za-z0-9]{14}$/);
      expect(customer).toMatchObject({ object: "customer", email, name: "Donor", livemode: false, metadata: { source: "test", drop: "me" } });

      const updated = await h.stripe.customers.update(customer.id, { name: "Donor Two", metadata: { drop: "" } });
      expect(updated.name).toBe("Donor Two");
      expect(updated.metadata).toEqual({ source: "test" });

      const retrieved = await h.stripe.customers.retrieve(customer.id);
      expect((retrieved as Stripe.Customer).name).toBe("Donor Two");

      await h.stripe.customers.create({ email: "someone-else@example.org" });
      const found = await h.stripe.customers.list({ email });
      expect(found.data.map((candidate) => candidate.id)).toEqual([customer.id]);

      const events = await h.stripe.events.list({ type: "customer.updated", limit: 1 });
      expect(events.data[0]?.data.previous_attributes).toEqual({ name: "Donor", metadata: { drop: "me" } });
    });
  });

  describe("events", () => {
    it("lists newest first with limit, starting_after, type wildcards and created filters", async () => {
      const first = await h.stripe.customers.create({ email: "e1@example.org" });
      const second = await h.stripe.customers.create({ email: "e2@example.org" });
      const page = await h.stripe.events.list({ type: "customer.created", limit: 2 });
      expect(page.data.map((event) => (event.data.object as Stripe.Customer).id)).toEqual([second.id, first.id]);
      expect(page.has_more).toBe(true);
      const next = await h.stripe.events.list({ type: "customer.created", limit: 1, starting_after: page.data[1]?.id });
      expect(next.data).toHaveLength(1);
      expect(next.data[0]?.id).not.toBe(page.data[1]?.id);

      const wildcard = await h.stripe.events.list({ type: "customer.*", limit: 100 });
      expect(wildcard.data.every((event) => event.type.startsWith("customer."))).toBe(true);

      const future = await h.stripe.events.list({ created: { gte: page.data[0]!.created + 1000 } });
      expect(future.data).toEqual([]);

      const event = await h.stripe.events.retrieve(page.data[0]!.id);
      expect(event).toMatchObject({ object: "event", api_version: "2026-10-28.endive", livemode: false, type: "customer.created" });
      expect(event.request?.idempotency_key).toMatch(/^stripe-node-retry-/);
    });
  });
});
