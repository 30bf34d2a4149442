import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getEmulator, setEmulator } from "@lantern/stripe-emulator";
import { startWebhookReceiver } from "../support/stripe-emulator";

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

  it("hands every request to the emulator in test mode: saved under LANTERN_DATA_DIR, webhooks to APP_URL", async () => {
    const receiver = await startWebhookReceiver();
    const appUrl = receiver.url.replace("/api/webhooks/stripe", "");
    vi.stubEnv("STRIPE_SECRET_KEY", "");
    vi.stubEnv("APP_URL", appUrl);
    const { POST, GET } = await import(ROUTE);
    const created = await POST(
      new Request(`${appUrl}/stripe-emulator/v1/customers`, {
        method: "POST",
        headers: { Authorization: "Bearer sk_test_lantern_emulator", "Content-Type": "application/x-www-form-urlencoded" },
        body: "email=route%40example.org&metadata[source]=route",
      }),
    );
    expect(created.status).toBe(200);
    const customer = (await created.json()) as { id: string; metadata: Record<string, string> };
    expect(customer.metadata).toEqual({ source: "route" });
    const fetched = await GET(
      new Request(`${appUrl}/stripe-emulator/v1/customers/${customer.id}`, { headers: { Authorization: "Bearer sk_test_lantern_emulator" } }),
    );
    expect(((await fetched.json()) as { id: string }).id).toBe(customer.id);
    await getEmulator().flush();
    const { existsSync } = await import("node:fs");
    expect(existsSync(path.join(dataDir, "stripe-emulator.json"))).toBe(true);
    // Signed with the test-mode secret (the receiver verifies like the app will).
    await getEmulator().waitForDeliveries({ timeoutMs: 10_000 });
    expect(receiver.deliveries.map((delivery) => [delivery.event?.type, delivery.verified])).toEqual([["customer.created", true]]);
    const session = await POST(
      new Request(`${appUrl}/stripe-emulator/v1/billing_portal/sessions`, {
        method: "POST",
        headers: { Authorization: "Bearer sk_test_lantern_emulator", "Content-Type": "application/x-www-form-urlencoded" },
        body: `customer=${customer.id}`,
      }),
    );
    expect(((await session.json()) as { url: string }).url).toMatch(new RegExp(`^${appUrl}/stripe-emulator/portal/bps_`));
    await getEmulator().close();
    await receiver.close();
  });
});
