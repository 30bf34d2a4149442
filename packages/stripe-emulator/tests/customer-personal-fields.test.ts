/**
 * Unsetting a customer's personal fields (a donor's erasure): Stripe unsets a field given an
 * empty string, `address` and `shipping` included, and refuses a shipping hash without its
 * required name or address; the emulator answers the same, through the real SDK.
 */
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Harness } from "../src/testing";

async function failure(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("customer personal fields", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startEmulator();
  });
  afterAll(() => h.close());

  it("sets an address and shipping, then unsets every personal field with empty strings", async () => {
    const customer = await h.stripe.customers.create({
      email: "min-ji@example.org",
      name: "Min-ji Park",
      phone: "+15555550100",
      address: { line1: "1 Harbour Road", city: "Busan", country: "KR" },
      shipping: { name: "Min-ji Park", address: { line1: "1 Harbour Road", country: "KR" } },
    });
    expect(customer.address).toEqual({ line1: "1 Harbour Road", line2: null, city: "Busan", state: null, postal_code: null, country: "KR" });
    expect(customer.shipping).toMatchObject({ name: "Min-ji Park", phone: null, address: { line1: "1 Harbour Road", country: "KR" } });

    const updated = await h.stripe.customers.update(customer.id, { name: "", email: "", phone: "", description: "", address: "", shipping: "" });
    expect(updated).toMatchObject({ id: customer.id, name: null, email: null, phone: null, description: null, address: null, shipping: null });
    const read = await h.stripe.customers.retrieve(customer.id);
    expect(read).toMatchObject({ name: null, email: null, address: null, shipping: null });
  });

  it("refuses a shipping hash without its name or address, as Stripe does", async () => {
    const customer = await h.stripe.customers.create({ email: "a@example.org" });
    const noName = await failure(h.stripe.customers.update(customer.id, { shipping: { address: { line1: "x" } } as Stripe.CustomerUpdateParams.Shipping }));
    expect(noName).toMatchObject({ statusCode: 400, param: "shipping[name]" });
    const noAddress = await failure(h.stripe.customers.update(customer.id, { shipping: { name: "A" } as Stripe.CustomerUpdateParams.Shipping }));
    expect(noAddress).toMatchObject({ statusCode: 400, code: "parameter_missing", param: "shipping[address]" });
    const unknown = await failure(h.stripe.customers.update(customer.id, { address: { street: "x" } } as unknown as Stripe.CustomerUpdateParams));
    expect(unknown).toMatchObject({ statusCode: 400, param: "address[street]" });
  });
});
