/**
 * What a gift leaves behind for operators, through the real webhook route (app/api/webhooks/stripe):
 * its log lines carry the request's id and the Stripe event's id, and none of the donor's
 * address, name, card, dedication, signed receipt link, cookie or authorization header; and the
 * metrics a scrape of /api/metrics shows move (gift counter, webhook counters, lag histogram).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { campaigns, sentEmails } from "@/db/schema";
import type { Database, DatabaseDriver } from "@/db/database";
import type { GiftCampaign } from "@/lib/donations/gift-campaign";
import * as outbox from "@/lib/email/outbox";
import { createDonationCheckout } from "@/lib/payments/create-checkout";
import { captureLogs, type LogCapture } from "../support/log-capture";
import { pay, startEmulator, TEST_WEBHOOK_SECRET, type Harness } from "../support/stripe-emulator";
import { describeEachDatabase } from "../support/test-database";

const app = vi.hoisted(() => {
  // Read once by lib/env: the route verifies with the emulator's secret; the dev mailbox writes under a scratch folder.
  vi.stubEnv("STRIPE_SECRET_KEY", "");
  vi.stubEnv("STRIPE_WEBHOOK_SECRET", "whsec_dGVzdC13ZWJob29rLXNlY3JldC1mb3ItbGFudGVybg==");
  vi.stubEnv("RESEND_API_KEY", "");
  vi.stubEnv("LOG_LEVEL", "info");
  vi.stubEnv("METRICS_TOKEN", "m".repeat(40));
  return { db: null as Database | null, driver: "pglite" as DatabaseDriver, stripe: null as Stripe | null };
});

vi.mock("@/db/client", () => ({
  getDb: async () => app.db,
  getDatabaseDriver: async () => app.driver,
  getOpenedDatabasePool: async () => null,
}));
vi.mock(import("@/lib/payments/stripe-client"), async (original) => ({ ...(await original()), stripe: () => app.stripe! }));
// Outside a Next request revalidateTag has no cache to expire; the NOTIFY to other instances still goes out.
vi.mock("next/cache", () => ({ revalidateTag: vi.fn(), unstable_cache: (work: unknown) => work }));

const METRICS_TOKEN = "m".repeat(40);
const DONOR = { email: "ada.secretdonor@example.org", name: "Ada Secretname", card: "4242 4242 4242 4242" };
const DEDICATION = "Grandma Hiddenname";
const COOKIE_SECRET = "sessiontokenvalue0123456789abcdef";
const BEARER_SECRET = "bearertokenvalue0123456789abcdef";

describeEachDatabase(
  "a gift's logs and metrics",
  (db, driver) => {
    let h: Harness;
    let campaign: GiftCampaign;
    let logs: LogCapture;

    beforeAll(async () => {
      expect(TEST_WEBHOOK_SECRET).toBeTruthy();
      vi.stubEnv("STRIPE_WEBHOOK_SECRET", TEST_WEBHOOK_SECRET);
      vi.stubEnv("LANTERN_DATA_DIR", fs.mkdtempSync(path.join(os.tmpdir(), "lantern-obs-")));
      h = await startEmulator({ webhookUrl: null });
      app.db = db();
      app.driver = driver;
      app.stripe = h.stripe;
      const [row] = await db().select().from(campaigns).where(eq(campaigns.slug, "inside-north-korea-pandemic-era-controls"));
      campaign = { ...row!, status: "active" };
    });
    afterAll(async () => {
      await h.close();
    });
    afterEach(() => {
      logs?.stop();
      vi.restoreAllMocks();
    });

    /** Pays a one-off gift on the emulator's checkout page; returns the events it emitted, oldest first. */
    async function payGift(submissionId: string): Promise<{ sessionId: string; events: Stripe.Event[] }> {
      const before = new Set((await h.stripe.events.list({ limit: 100 })).data.map((event) => event.id));
      const { sessionId, url } = await createDonationCheckout(h.stripe, {
        campaign,
        donation: {
          frequency: "once",
          giftAmount: 2500,
          feeCoveredAmount: 106,
          anonymous: false,
          dedication: { kind: "in_memory", name: DEDICATION },
          submissionId,
        },
        clientKey: "test",
        appUrl: "http://localhost:3000",
        organisationName: "Lantern",
      });
      expect((await pay({ url } as Stripe.Checkout.Session, DONOR.card, DONOR.email, DONOR.name)).status).toBe(303);
      const events = (await h.stripe.events.list({ limit: 100 })).data.filter((event) => !before.has(event.id)).reverse();
      return { sessionId, events };
    }

    /** Stripe's delivery, as the route receives it, with a visitor's cookie and an authorization header along. */
    async function deliver(event: Stripe.Event, requestId: string): Promise<Response> {
      const { POST } = await import("@/app/api/webhooks/stripe/route");
      const payload = JSON.stringify(event);
      return POST(
        new Request("http://localhost:3000/api/webhooks/stripe", {
          method: "POST",
          body: payload,
          headers: {
            "content-type": "application/json",
            "stripe-signature": h.stripe.webhooks.generateTestHeaderString({ payload, secret: TEST_WEBHOOK_SECRET }),
            "x-request-id": requestId,
            cookie: `authjs.session-token=${COOKIE_SECRET}`,
            authorization: `Bearer ${BEARER_SECRET}`,
          },
        }),
      );
    }

    async function scrape(): Promise<string> {
      const { GET } = await import("@/app/api/metrics/route");
      const response = await GET(new Request("http://localhost:3000/api/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }));
      expect(response.status).toBe(200);
      return response.text();
    }

    it("logs a gift with its request id and event id on every line, and nothing personal", async () => {
      const { sessionId, events } = await payGift(`obs-logs-${driver}`);
      const completed = events.find((event) => event.type === "checkout.session.completed")!;
      expect(completed).toBeDefined();

      logs = captureLogs();
      const response = await deliver(completed, "lb-req-0000000001");
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ received: true, status: "processed" });
      const lines = logs.lines();
      const raw = logs.text();

      // The route's and the receipt's lines: the gift was handled and its receipt went to the dev mailbox.
      expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(["event handled", "stored in the dev mailbox"]));
      for (const line of lines) {
        expect(line).toMatchObject({ requestId: "lb-req-0000000001", stripeEventId: completed.id, stripeEventType: "checkout.session.completed" });
      }

      const [receipt] = await db()
        .select()
        .from(sentEmails)
        .where(eq(sentEmails.idempotencyKey, `receipt:${sessionId}`));
      expect(receipt?.status).toBe("sent");
      const secrets = [
        DONOR.email,
        "ada.secretdonor",
        DONOR.name,
        "Secretname",
        DONOR.card,
        DONOR.card.replace(/ /g, ""),
        DEDICATION,
        COOKIE_SECRET,
        BEARER_SECRET,
        TEST_WEBHOOK_SECRET,
      ];
      for (const secret of secrets) expect(raw).not.toContain(secret);
    });

    it("scrubs a failure's message and stack of the address, the signed receipt link and the card", async () => {
      const { sessionId, events } = await payGift(`obs-fail-${driver}`);
      const completed = events.find((event) => event.type === "checkout.session.completed")!;
      // A provider's refusal that quotes the recipient and the email's link, as some do.
      const receiptLink = "https://give.example.org/receipts/0f8c1d2e-1111-4222-8333-944455556666.K7xQeZ1vH3pL9sT2mN8bR4cW6yA0dF5gJ1kE7uI3oPq";
      vi.spyOn(outbox, "deliverQueuedEmails").mockRejectedValue(
        new Error(`provider refused ${DONOR.email} (${DONOR.name} <${DONOR.email}>): link ${receiptLink}?token=abc123secret paid by ${DONOR.card}`),
      );
      logs = captureLogs();
      expect((await deliver(completed, "lb-req-0000000002")).status).toBe(200);
      const failure = logs.lines().find((line) => line.msg === "receipts stay queued");
      expect(failure).toMatchObject({ level: "error", requestId: "lb-req-0000000002", stripeEventId: completed.id });
      const raw = logs.text();
      expect(raw).toContain("provider refused [email]");
      for (const secret of [DONOR.email, DONOR.card, "K7xQeZ1vH3pL9sT2mN8bR4cW6yA0dF5gJ1kE7uI3oPq", "abc123secret"]) expect(raw).not.toContain(secret);
      // The name inside free text is not recognisable as a name; the address beside it is gone. (Names are redacted by key.)
      expect(sessionId).toMatch(/^cs_/);
    });

    it("moves the gift, webhook and lag metrics a scrape shows", async () => {
      const { events } = await payGift(`obs-metrics-${driver}`);
      const before = parse(await scrape());
      for (const event of events) expect((await deliver(event, `lb-req-metrics-${event.id.slice(-8)}`)).status).toBe(200);
      // Delivered again: counted as duplicates, not as second gifts.
      const completed = events.find((event) => event.type === "checkout.session.completed")!;
      expect((await deliver(completed, "lb-req-metrics-again")).status).toBe(200);
      const after = parse(await scrape());

      const delta = (series: string) => (after.get(series) ?? 0) - (before.get(series) ?? 0);
      expect(delta('lantern_gifts_recorded_total{currency="USD",kind="one_off"}')).toBe(1);
      expect(delta('lantern_gifts_recorded_amount_minor_total{currency="USD"}')).toBe(2606);
      expect(delta('lantern_webhook_events_processed_total{type="checkout.session.completed",outcome="processed"}')).toBe(1);
      expect(delta('lantern_webhook_events_processed_total{type="checkout.session.completed",outcome="duplicate"}')).toBe(1);
      expect(delta('lantern_webhook_lag_seconds_count{type="checkout.session.completed"}')).toBe(1);
      expect(delta('lantern_webhook_lag_seconds_bucket{le="+Inf",type="checkout.session.completed"}')).toBe(1);
      expect(delta('lantern_emails_sent_total{priority="transactional"}')).toBeGreaterThanOrEqual(1);
      // Read from the database at scrape time: the receipt the previous test kept queued still waits.
      const waiting = await db()
        .select()
        .from(sentEmails)
        .where(inArray(sentEmails.status, ["pending", "sending"]));
      expect(after.get('lantern_email_outbox_waiting{priority="transactional"}')).toBe(waiting.filter((row) => row.priority === "transactional").length);
      expect(after.get('lantern_email_outbox_oldest_waiting_seconds{priority="bulk"}')).toBe(0);
      expect(after.get("lantern_metrics_database_up")).toBe(1);
      if (driver === "postgres") expect(delta("lantern_cache_tag_notifies_sent_total")).toBeGreaterThanOrEqual(1);
    });

    it("counts a handler's failure by type and records nothing", async () => {
      const { events } = await payGift(`obs-failed-${driver}`);
      const completed = events.find((event) => event.type === "checkout.session.completed")!;
      const before = parse(await scrape());
      logs = captureLogs();
      vi.spyOn(h.stripe.checkout.sessions, "retrieve").mockRejectedValue(new Error("Stripe is down"));
      expect((await deliver(completed, "lb-req-0000000003")).status).toBe(500);
      const after = parse(await scrape());
      expect(
        (after.get('lantern_webhook_events_failed_total{type="checkout.session.completed"}') ?? 0) -
          (before.get('lantern_webhook_events_failed_total{type="checkout.session.completed"}') ?? 0),
      ).toBe(1);
      expect(after.get('lantern_gifts_recorded_total{currency="USD",kind="one_off"}')).toBe(
        before.get('lantern_gifts_recorded_total{currency="USD",kind="one_off"}'),
      );
      expect(logs.lines().find((line) => line.msg === "event failed; Stripe will retry")).toMatchObject({
        stripeEventId: completed.id,
        requestId: "lb-req-0000000003",
      });
    });
  },
  { seed: true },
);

/** Prometheus text format: series (name and labels as written) → value. */
function parse(text: string): Map<string, number> {
  const series = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const at = line.lastIndexOf(" ");
    series.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return series;
}
