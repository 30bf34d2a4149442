import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startEmulator, type Harness } from "../support/stripe-emulator";

describe("lib/payments/stripe-client", () => {
  let h: Harness;
  let dataDir: string;
  beforeAll(async () => {
    h = await startEmulator();
    dataDir = mkdtempSync(path.join(tmpdir(), "stripe-client-"));
  });
  afterAll(async () => {
    await h.close();
    rmSync(dataDir, { recursive: true, force: true });
    vi.unstubAllEnvs();
  });

  it("pins the SDK's API version", async () => {
    const { STRIPE_API_VERSION } = await import("@/lib/payments/stripe-client");
    expect(STRIPE_API_VERSION).toBe("2026-10-28.endive");
    expect(STRIPE_API_VERSION).toBe(Stripe.API_VERSION);
  });

  it("createStripeClient sends every call under /stripe-emulator on the given origin", async () => {
    const { createStripeClient } = await import("@/lib/payments/stripe-client");
    const client = createStripeClient({ apiKey: "sk_test_anything", emulatorOrigin: h.origin });
    const customer = await client.customers.create({ email: "client@example.org" });
    expect(customer.object).toBe("customer");
    expect(customer.lastResponse.headers["stripe-version"]).toBe("2026-10-28.endive");
    expect(customer.lastResponse.requestId).toMatch(/^req_/);
  });

  it("stripe() in test mode talks to the emulator at APP_URL, memoized", async () => {
    vi.resetModules();
    vi.stubEnv("STRIPE_SECRET_KEY", "");
    vi.stubEnv("APP_URL", h.origin);
    vi.stubEnv("LANTERN_DATA_DIR", dataDir);
    const { stripe } = await import("@/lib/payments/stripe-client");
    expect(stripe()).toBe(stripe());
    const list = await stripe().customers.list({ email: "client@example.org" });
    expect(list.data).toHaveLength(1);
  });

  it("stripe() with a real key is a plain SDK client for api.stripe.com", async () => {
    vi.resetModules();
    vi.stubEnv("STRIPE_SECRET_KEY", "sk_test_realkey123");
    vi.stubEnv("STRIPE_WEBHOOK_SECRET", "whsec_real");
    const { stripe } = await import("@/lib/payments/stripe-client");
    const client = stripe() as unknown as { getApiField(name: string): unknown };
    expect(client.getApiField("host")).toBe("api.stripe.com");
    expect(client.getApiField("maxNetworkRetries")).toBe(2);
  });
});
