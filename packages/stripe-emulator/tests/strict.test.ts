import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STRIPE_API_VERSION } from "../src/api-version";
import { createPaymentSession, startEmulator, type Harness } from "../src/testing";

/** What Stripe refuses, the emulator refuses too, with Stripe's error shape, seen through the real SDK. */
async function failure(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const caught = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(caught instanceof Stripe.errors.StripeError)) throw new Error(`expected a Stripe error, got ${String(caught)}`);
  return caught;
}

describe("strict like Stripe", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startEmulator({ webhookUrl: null });
  });
  afterAll(() => h.close());

  it("refuses payment_method_types on Checkout, which the pinned API version no longer has", async () => {
    // The SDK's types no longer offer it either, hence the cast.
    const params = { payment_method_types: ["card"] } as unknown as Partial<Stripe.Checkout.SessionCreateParams>;
    const error = await failure(createPaymentSession(h.stripe, params));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, code: "parameter_unknown", param: "payment_method_types" });
    expect(error.message).toMatch(/^Received unknown parameter: payment_method_types/);
    expect(error.raw).toMatchObject({ type: "invalid_request_error" });
  });

  it("refuses an unknown parameter nested inside a known one", async () => {
    const params = { payment_intent_data: { metadata: {}, colour: "blue" } } as unknown as Partial<Stripe.Checkout.SessionCreateParams>;
    const error = await failure(createPaymentSession(h.stripe, params));
    expect(error).toMatchObject({ statusCode: 400, code: "parameter_unknown", param: "payment_intent_data[colour]" });
  });

  it("answers only in the pinned API version", async () => {
    expect(h.stripe.getApiField("version")).toBe(STRIPE_API_VERSION);
    await expect(h.stripe.customers.list({ limit: 1 })).resolves.toMatchObject({ object: "list" });

    const older = await failure(h.stripe.customers.list({ limit: 1 }, { apiVersion: "2024-06-20" }));
    expect(older).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(older).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError" });
    expect(older.message).toBe(
      `Unsupported Stripe-Version: 2024-06-20. The Stripe emulator answers only in API version ${STRIPE_API_VERSION}, the one the stripe SDK's types describe.`,
    );
    const malformed = await failure(h.stripe.customers.list({ limit: 1 }, { apiVersion: "2024-6-20" }));
    expect(malformed.message).toBe("Invalid Stripe API version: 2024-6-20");
  });

  it("takes at most 20 event types, and not type and types together", async () => {
    const twenty = Array.from({ length: 20 }, (_, index) => `customer.test_${index}`);
    await expect(h.stripe.events.list({ types: twenty })).resolves.toMatchObject({ object: "list" });
    const tooMany = await failure(h.stripe.events.list({ types: [...twenty, "customer.created"] }));
    expect(tooMany).toMatchObject({ statusCode: 400, param: "types" });
    expect(tooMany.message).toBe("Invalid array: types must have at most 20 elements");
    const both = await failure(h.stripe.events.list({ type: "customer.created", types: ["customer.updated"] }));
    expect(both).toMatchObject({ statusCode: 400, param: "types" });
  });

  it("refuses a list limit outside 1..100", async () => {
    const error = await failure(h.stripe.customers.list({ limit: 101 }));
    expect(error).toMatchObject({ statusCode: 400, param: "limit" });
  });
});
