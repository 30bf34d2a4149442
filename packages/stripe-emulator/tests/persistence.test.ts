import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPaymentSession, createSubscriptionSession, pay, startEmulator, startWebhookReceiver, TEST_AUTH } from "../src/testing";

describe("persistence", () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "stripe-emulator-"));
    file = path.join(dir, "nested", "stripe-emulator.json");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps every object, event and idempotency key across a restart", async () => {
    const first = await startEmulator({ persistPath: file });
    const session = await createSubscriptionSession(first.stripe);
    await pay(session);
    const oneOff = await createPaymentSession(first.stripe, {}, { idempotencyKey: "form-submission-1" });
    const eventCount = first.emulator.state.events.length;
    await first.close();

    const saved = JSON.parse(readFileSync(file, "utf8")) as { version: number; checkoutSessions: object };
    expect(saved.version).toBe(1);
    expect(Object.keys(saved.checkoutSessions)).toContain(session.id);
    expect(readdirSync(path.dirname(file)).filter((name) => name.endsWith(".tmp"))).toEqual([]);

    const second = await startEmulator({ persistPath: file });
    try {
      const reloaded = await second.stripe.checkout.sessions.retrieve(session.id, { expand: ["subscription", "invoice"] });
      expect(reloaded.status).toBe("complete");
      expect(reloaded.subscription).toMatchObject({ status: "active" });
      expect(reloaded.invoice).toMatchObject({ status: "paid" });
      const events = await second.stripe.events.list({ limit: 100 });
      expect(events.data).toHaveLength(eventCount);
      const replay = await createPaymentSession(second.stripe, {}, { idempotencyKey: "form-submission-1" });
      expect(replay.id).toBe(oneOff.id);
      // Renewal works on reloaded state.
      const renew = await fetch(
        `${second.origin}/stripe-emulator/test-helpers/subscriptions/${reloaded.subscription && (reloaded.subscription as { id: string }).id}/renew`,
        { method: "POST", headers: TEST_AUTH },
      );
      expect(renew.status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it("resumes webhook deliveries that were still queued", async () => {
    const receiver = await startWebhookReceiver();
    try {
      const first = await startEmulator({ persistPath: file, webhookUrl: receiver.url, webhookMode: "manual" });
      await first.stripe.customers.create({ email: "queued@example.org" });
      await first.close();
      expect(receiver.deliveries).toEqual([]);

      const second = await startEmulator({ persistPath: file, webhookUrl: receiver.url });
      try {
        await second.emulator.waitForDeliveries({ timeoutMs: 10_000 });
        // Stripe-like delivery (the default) may send an event twice: the one queued event arrives,
        // at least once, and nothing else.
        const received = receiver.received();
        expect([...new Set(received.map((event) => event.id))]).toHaveLength(1);
        expect(received.map((event) => event.type)).toContain("customer.created");
        expect(received.every((event) => event.type === "customer.created")).toBe(true);
        expect(second.emulator.state.webhookQueue).toEqual([]);
      } finally {
        await second.close();
      }
    } finally {
      await receiver.close();
    }
  });

  it("sets an unreadable file aside and starts empty", async () => {
    const broken = path.join(dir, "stripe-emulator.json");
    writeFileSync(broken, "{ not json");
    const h = await startEmulator({ persistPath: broken });
    try {
      expect(h.emulator.state.events).toEqual([]);
      expect(readdirSync(dir).some((name) => name.startsWith("stripe-emulator.json.unreadable-"))).toBe(true);
      await h.stripe.customers.create({ email: "fresh@example.org" });
      await h.emulator.flush();
      expect(JSON.parse(readFileSync(broken, "utf8")).version).toBe(1);
    } finally {
      await h.close();
    }
  });

  it("saves concurrent changes without losing any", async () => {
    const h = await startEmulator({ persistPath: file });
    await Promise.all(Array.from({ length: 15 }, (_, index) => h.stripe.customers.create({ email: `c${index}@example.org` })));
    await h.close();
    const saved = JSON.parse(readFileSync(file, "utf8")) as { customers: object };
    expect(Object.keys(saved.customers)).toHaveLength(15);
  });
});
