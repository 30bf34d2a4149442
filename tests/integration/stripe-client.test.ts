import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startEmulator, TEST_API_KEY, type Harness } from "../support/stripe-emulator";

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
    const client = createStripeClient({ apiKey: TEST_API_KEY, emulatorOrigin: h.origin });
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
    // The installation's own key (generated on first use; here, the harness emulator's).
    writeFileSync(path.join(dataDir, "stripe-emulator-key"), TEST_API_KEY, { mode: 0o600 });
    const { stripe } = await import("@/lib/payments/stripe-client");
    expect(stripe()).toBe(stripe());
    const list = await stripe().customers.list({ email: "client@example.org" });
    expect(list.data).toHaveLength(1);
  });

  it("stripe() in test mode with APP_URL unset calls the port the server listens on, and a failure names the URL and the cause", async () => {
    vi.resetModules();
    vi.stubEnv("STRIPE_SECRET_KEY", "");
    vi.stubEnv("APP_URL", "");
    vi.stubEnv("__NEXT_PRIVATE_ORIGIN", "");
    vi.stubEnv("LANTERN_DATA_DIR", dataDir);
    writeFileSync(path.join(dataDir, "stripe-emulator-key"), TEST_API_KEY, { mode: 0o600 });
    const port = new URL(h.origin).port;
    // What `next start -p <port>` / `PORT=<port> next start` leaves in the environment once listening.
    vi.stubEnv("PORT", port);
    const { stripe, describeStripeError } = await import("@/lib/payments/stripe-client");
    expect((await stripe().customers.list({ limit: 1 })).object).toBe("list");

    // Nothing listens on a closed port: the log line says where the call went and why it failed.
    const closed = await closedPort();
    vi.stubEnv("PORT", String(closed));
    const error = await stripe()
      .customers.list({ limit: 1 })
      .then(
        () => null,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    const line = describeStripeError(error);
    expect(line).toContain(`GET http://localhost:${closed}/stripe-emulator/v1/customers`);
    expect(line).toContain("ECONNREFUSED");
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

async function closedPort(): Promise<number> {
  const net = await import("node:net");
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as import("node:net").AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
