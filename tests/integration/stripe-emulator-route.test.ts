import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getEmulator, setEmulator } from "@lantern/stripe-emulator";
import { startWebhookReceiver, TEST_WEBHOOK_SECRET } from "../support/stripe-emulator";

const ROUTE = "@/app/stripe-emulator/[...path]/route";

describe("app/stripe-emulator/[...path]/route", () => {
  let dataDir: string;
  beforeEach(() => {
    vi.resetModules();
    dataDir = mkdtempSync(path.join(tmpdir(), "stripe-route-"));
    vi.stubEnv("LANTERN_DATA_DIR", dataDir);
    vi.stubEnv("APP_URL", "http://127.0.0.1:9");
  });
  afterEach(() => {
    setEmulator(undefined);
    vi.unstubAllEnvs();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("does not exist when a real Stripe key is configured", async () => {
    vi.stubEnv("STRIPE_SECRET_KEY", "sk_live_123456789");
    vi.stubEnv("STRIPE_WEBHOOK_SECRET", "whsec_123");
    const { GET, POST } = await import(ROUTE);
    const get = await GET(new Request("http://127.0.0.1:9/stripe-emulator/v1/customers", { headers: { Authorization: "Bearer sk_test_x" } }));
    expect(get.status).toBe(404);
    const post = await POST(new Request("http://127.0.0.1:9/stripe-emulator/checkout/cs_test_1", { method: "POST", body: "" }));
    expect(post.status).toBe(404);
  });

  it("accepts only this installation's own key, generated once into the data folder, for the API and the test helpers", async () => {
    vi.stubEnv("STRIPE_SECRET_KEY", "");
    const { POST, GET } = await import(ROUTE);
    const { stripeEmulatorApiKey } = await import("@/lib/env");
    const key = stripeEmulatorApiKey();
    expect(key).toMatch(/^sk_test_[0-9a-f]{48}$/);
    const { readFileSync, statSync } = await import("node:fs");
    expect(readFileSync(path.join(dataDir, "stripe-emulator-key"), "utf8").trim()).toBe(key);
    expect(statSync(path.join(dataDir, "stripe-emulator-key")).mode & 0o777).toBe(0o600);

    // The key this repository used to hard-code, or any other test key, is refused.
    for (const other of ["sk_test_lantern_emulator", "sk_test_x", `${key}0`]) {
      const listed = await GET(new Request("http://127.0.0.1:9/stripe-emulator/v1/customers", { headers: { Authorization: `Bearer ${other}` } }));
      expect(listed.status).toBe(401);
      expect(((await listed.json()) as { error: { message: string } }).error.message).toMatch(/^Invalid API Key provided/);
    }
    for (const helper of ["webhooks/pause", "subscriptions/sub_1/renew", "events/deliver"]) {
      const anonymous = await POST(new Request(`http://127.0.0.1:9/stripe-emulator/test-helpers/${helper}`, { method: "POST" }));
      expect(anonymous.status).toBe(401);
    }
    const own = await GET(new Request("http://127.0.0.1:9/stripe-emulator/v1/customers", { headers: { Authorization: `Bearer ${key}` } }));
    expect(own.status).toBe(200);
    const paused = await POST(
      new Request("http://127.0.0.1:9/stripe-emulator/test-helpers/webhooks/pause", { method: "POST", headers: { Authorization: `Bearer ${key}` } }),
    );
    expect(paused.status).toBe(200);
  });

  it("shows no dashboard of other visitors' gifts in a production demo", async () => {
    vi.stubEnv("STRIPE_SECRET_KEY", "");
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("LANTERN_TEST_MODE", "demo");
    vi.stubEnv("AUTH_SECRET", "d".repeat(44));
    const { GET } = await import(ROUTE);
    expect((await GET(new Request("http://127.0.0.1:9/stripe-emulator"))).status).toBe(404);
  });

  it("refuses success, cancel and return URLs on another origin when they are created", async () => {
    vi.stubEnv("STRIPE_SECRET_KEY", "");
    const { POST } = await import(ROUTE);
    const { stripeEmulatorApiKey } = await import("@/lib/env");
    const headers = { Authorization: `Bearer ${stripeEmulatorApiKey()}`, "Content-Type": "application/x-www-form-urlencoded" };
    const lineItem =
      "mode=payment&line_items[0][quantity]=1&line_items[0][price_data][currency]=usd&line_items[0][price_data][unit_amount]=500&line_items[0][price_data][product_data][name]=Gift";
    const create = (body: string, url = "checkout/sessions") =>
      POST(new Request(`http://127.0.0.1:9/stripe-emulator/v1/${url}`, { method: "POST", headers, body }));
    for (const [param, value] of [
      ["success_url", "https://evil.example/thanks"],
      ["cancel_url", "http://127.0.0.1:10/back"],
      ["success_url", "http://localhost:9/thanks"],
    ] as const) {
      const refused = await create(`${lineItem}&${param}=${encodeURIComponent(value)}`);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ error: { type: "invalid_request_error", param, code: "url_invalid" } });
    }
    const accepted = await create(
      `${lineItem}&success_url=${encodeURIComponent("http://127.0.0.1:9/donate/thank-you?session_id={CHECKOUT_SESSION_ID}")}&cancel_url=${encodeURIComponent("http://127.0.0.1:9/campaigns/x")}`,
    );
    expect(accepted.status).toBe(200);

    const customer = (await (await create("email=portal%40example.org", "customers")).json()) as { id: string };
    const portal = await create(`customer=${customer.id}&return_url=${encodeURIComponent("https://evil.example/")}`, "billing_portal/sessions");
    expect(portal.status).toBe(400);
    expect(await portal.json()).toMatchObject({ error: { type: "invalid_request_error", param: "return_url" } });
  });

  it("hands every request to the emulator in test mode: saved under LANTERN_DATA_DIR, webhooks to APP_URL", async () => {
    const receiver = await startWebhookReceiver();
    const appUrl = receiver.url.replace("/api/webhooks/stripe", "");
    vi.stubEnv("STRIPE_SECRET_KEY", "");
    vi.stubEnv("STRIPE_WEBHOOK_SECRET", TEST_WEBHOOK_SECRET);
    vi.stubEnv("APP_URL", appUrl);
    const { POST, GET } = await import(ROUTE);
    const { stripeEmulatorApiKey } = await import("@/lib/env");
    const key = stripeEmulatorApiKey();
    const created = await POST(
      new Request(`${appUrl}/stripe-emulator/v1/customers`, {
        method: "POST",
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/x-www-form-urlencoded" },
        body: "email=route%40example.org&metadata[source]=route",
      }),
    );
    expect(created.status).toBe(200);
    const customer = (await created.json()) as { id: string; metadata: Record<string, string> };
    expect(customer.metadata).toEqual({ source: "route" });
    const fetched = await GET(new Request(`${appUrl}/stripe-emulator/v1/customers/${customer.id}`, { headers: { Authorization: `Bearer ${key}` } }));
    expect(((await fetched.json()) as { id: string }).id).toBe(customer.id);
    await getEmulator().flush();
    const { existsSync } = await import("node:fs");
    expect(existsSync(path.join(dataDir, "stripe-emulator.json"))).toBe(true);
    // Only the event types the app handles are sent (Stripe's enabled_events): customer.created is
    // recorded, not delivered.
    await getEmulator().waitForDeliveries({ timeoutMs: 10_000 });
    expect(receiver.deliveries).toEqual([]);
    const customerCreated = getEmulator().state.events.find((event) => event.type === "customer.created");
    expect(customerCreated?.pending_webhooks).toBe(0);
    // Signed with the test-mode secret (the receiver verifies like the app will).
    await getEmulator().deliverEvents([customerCreated!.id]);
    expect(receiver.deliveries.map((delivery) => [delivery.event?.type, delivery.verified])).toEqual([["customer.created", true]]);
    const session = await POST(
      new Request(`${appUrl}/stripe-emulator/v1/billing_portal/sessions`, {
        method: "POST",
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/x-www-form-urlencoded" },
        body: `customer=${customer.id}`,
      }),
    );
    expect(((await session.json()) as { url: string }).url).toMatch(new RegExp(`^${appUrl}/stripe-emulator/portal/bps_`));
    await getEmulator().close();
    await receiver.close();
  });
});
