import os from "node:os";
import path from "node:path";
import { and, count, eq, ne } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { campaigns, sentEmails, subscribers, updates } from "@/db/schema";
import type { Database } from "@/db/database";
import { DEFAULT_DELIVERY_SETTINGS, type DeliverySettings } from "@/lib/email/delivery-settings";
import { runDeliveryRound, startDeliveryWorker } from "@/lib/email/delivery-worker";
import { listDevMailbox } from "@/lib/email/dev-mailbox";
import { deliverBulkBatch, listFailedEmails, queueEmail, retryFailedEmails, type DeliveryContext } from "@/lib/email/outbox";
import { createDevMailboxTransport, createResendTransport, type EmailTransport } from "@/lib/email/transport";
import { signUnsubscribeToken } from "@/lib/subscribers/tokens";
import { unsubscribe } from "@/lib/subscribers/unsubscribe";
import { countAudience, publishUpdate } from "@/lib/updates/publish-update";
import { getUpdateForEdit } from "@/lib/updates/update-queries";
import { startFakeResend, type FakeAnswer } from "../support/fake-resend";
import { describeEachDatabase } from "../support/test-database";

/** The dev mailbox also writes each email as a file; these go to a throwaway folder. */
const TEST_DATA_DIR = path.join(os.tmpdir(), `lantern-mailbox-test-${process.pid}`);

const links = { appUrl: "https://give.example.org", organisationName: "Lantern", linkSecret: "update-delivery-test-secret" };
const fastRetries: DeliverySettings = { ...DEFAULT_DELIVERY_SETTINGS, backoffBaseMs: 5, backoffMaxMs: 50 };
const consent = { consentText: "I agree", consentedAt: new Date() };

async function addReaders(
  db: Database,
  prefix: string,
  n: number,
  fields: { status: "pending" | "confirmed" | "unsubscribed"; source: string },
): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < n; start += 500) {
    const rows = Array.from({ length: Math.min(500, n - start) }, (_, i) => ({
      email: `${prefix}-${start + i}@example.org`,
      firstName: start + i === 0 ? "Ada" : null,
      ...fields,
      ...consent,
    }));
    ids.push(...(await db.insert(subscribers).values(rows).returning({ id: subscribers.id })).map((row) => row.id));
  }
  return ids;
}

async function newUpdate(db: Database, title: string, campaignId: string | null = null): Promise<string> {
  const [row] = await db
    .insert(updates)
    .values({ title, bodyMarkdown: `**${title}**\n\nThank you for reading.`, campaignId })
    .returning({ id: updates.id });
  return row!.id;
}

async function statusCounts(db: Database, updateId: string): Promise<Record<string, number>> {
  const rows = await db.select({ status: sentEmails.status, n: count() }).from(sentEmails).where(eq(sentEmails.updateId, updateId)).groupBy(sentEmails.status);
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting for delivery");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describeEachDatabase(
  "publishing and delivering updates",
  (db) => {
    let campaign: { id: string; slug: string };
    beforeAll(async () => {
      const [row] = await db().select({ id: campaigns.id, slug: campaigns.slug }).from(campaigns).where(eq(campaigns.kind, "campaign")).limit(1);
      campaign = row!;
    });

    it("queues exactly one email per confirmed reader of the audience; pending and unsubscribed readers get none", async () => {
      const fromCampaign = await addReaders(db(), "camp", 3, { status: "confirmed", source: `campaign:${campaign.slug}` });
      await addReaders(db(), "home", 2, { status: "confirmed", source: "home" });
      await addReaders(db(), "pending", 2, { status: "pending", source: `campaign:${campaign.slug}` });
      await addReaders(db(), "gone", 2, { status: "unsubscribed", source: `campaign:${campaign.slug}` });

      expect(await countAudience(db(), campaign.id, "campaign")).toBe(3);
      expect(await countAudience(db(), campaign.id, "all")).toBe(5);
      const updateId = await newUpdate(db(), "Three families reached safety", campaign.id);
      expect(await publishUpdate(db(), updateId, "campaign")).toEqual({ ok: true, recipients: 3, campaignId: campaign.id });
      // Publishing again (a double click, a second admin) queues nothing more.
      expect(await publishUpdate(db(), updateId, "all")).toMatchObject({ ok: false });
      const queued = await db()
        .select({ subscriberId: sentEmails.subscriberId, priority: sentEmails.priority })
        .from(sentEmails)
        .where(eq(sentEmails.updateId, updateId));
      expect(queued.map((row) => row.subscriberId).sort()).toEqual([...fromCampaign].sort());
      expect(queued.every((row) => row.priority === "bulk")).toBe(true);

      // A reader who unsubscribes after publishing, before delivery, gets nothing.
      await unsubscribe(db(), signUnsubscribeToken(fromCampaign[2]!, links.linkSecret), links.linkSecret);
      const context: DeliveryContext = {
        transport: createDevMailboxTransport(db(), "Lantern <updates@example.org>", TEST_DATA_DIR),
        settings: DEFAULT_DELIVERY_SETTINGS,
        links: links,
      };
      while (await deliverBulkBatch(db(), context));
      expect(await statusCounts(db(), updateId)).toEqual({ sent: 2, skipped: 1 });

      const [mail] = await listDevMailbox(db(), { to: "camp-0@example.org" });
      const token = signUnsubscribeToken(fromCampaign[0]!, links.linkSecret);
      expect(mail?.subject).toBe("Three families reached safety");
      expect(mail?.headers).toEqual({
        "List-Unsubscribe": `<https://give.example.org/unsubscribe/one-click?token=${token}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      });
      expect(mail?.html).toContain(`href="https://give.example.org/unsubscribe?token=${token}"`);
      expect(mail?.html).toContain("Dear Ada,");
      expect(mail?.html).toContain("<strong>Three families reached safety</strong>");
      expect(mail?.text).toContain("Thank you for reading.");
      expect(await listDevMailbox(db(), { to: "camp-2@example.org" })).toHaveLength(0);
      expect(await listDevMailbox(db(), { to: "home-0@example.org" })).toHaveLength(0);
      expect(await listDevMailbox(db(), { to: "pending-0@example.org" })).toHaveLength(0);

      // The admin's figures; then a reader who got it unsubscribes and is counted.
      await unsubscribe(db(), signUnsubscribeToken(fromCampaign[1]!, links.linkSecret), links.linkSecret);
      expect((await getUpdateForEdit(db(), updateId))?.figures).toEqual({ recipients: 3, sent: 2, queued: 0, failed: 0, skipped: 1, unsubscribedSince: 1 });
    });

    it("sends transactional emails before bulk updates", async () => {
      const context: DeliveryContext = {
        transport: createDevMailboxTransport(db(), "Lantern <u@example.org>", TEST_DATA_DIR),
        settings: DEFAULT_DELIVERY_SETTINGS,
        links: links,
      };
      // Start from an empty queue: earlier tests in this suite leave emails waiting out a backoff or claimed.
      await db().delete(sentEmails).where(ne(sentEmails.status, "sent"));
      await addReaders(db(), "order", 1, { status: "confirmed", source: "home" });
      const updateId = await newUpdate(db(), "Order test");
      await publishUpdate(db(), updateId, "all");
      await queueEmail(db(), {
        idempotencyKey: "sign-in:order",
        template: "sign-in-link",
        to: "admin@example.org",
        props: { organisationName: "Lantern", url: "https://give.example.org/x" },
      });
      expect(await runDeliveryRound(db(), context)).toEqual({ sent: 1, failed: 0 });
      expect(await listDevMailbox(db(), { to: "admin@example.org" })).toHaveLength(1);
      expect((await statusCounts(db(), updateId)).pending).toBeGreaterThan(0);
      while (await runDeliveryRound(db(), context));
      expect((await statusCounts(db(), updateId)).pending).toBeUndefined();
    });

    it("marks an email failed with the provider's error after the last attempt; retry sends it", async () => {
      const fake = await startFakeResend({ answer: () => "server-error" });
      try {
        await queueEmail(db(), {
          idempotencyKey: "sign-in:doomed",
          template: "sign-in-link",
          to: "doomed@example.org",
          props: { organisationName: "Lantern", url: "https://give.example.org/x" },
        });
        const context: DeliveryContext = {
          transport: createResendTransport({ apiKey: "re_test", from: "Lantern <u@example.org>", baseUrl: fake.url, requestsPerSecond: 1000 }),
          settings: { ...fastRetries, maxAttempts: 3 },
          links: links,
        };
        for (let i = 0; i < 3; i += 1) {
          await new Promise((resolve) => setTimeout(resolve, 60));
          await runDeliveryRound(db(), context);
        }
        const failed = (await listFailedEmails(db())).find((row) => row.toAddress === "doomed@example.org");
        expect(failed?.attempts).toBe(3);
        expect(failed?.lastError).toContain("Something went wrong on our side");
        expect(await retryFailedEmails(db(), [failed!.id])).toBe(1);
        const healthy: DeliveryContext = { ...context, transport: createDevMailboxTransport(db(), "Lantern <u@example.org>", TEST_DATA_DIR) };
        await runDeliveryRound(db(), healthy);
        expect(await listDevMailbox(db(), { to: "doomed@example.org" })).toHaveLength(1);
      } finally {
        await fake.close();
      }
    });

    it("two workers deliver 2,000 queued emails with no duplicates and none missing", { timeout: 120_000 }, async () => {
      await db().update(subscribers).set({ status: "unsubscribed" });
      await addReaders(db(), "bulk", 2000, { status: "confirmed", source: "home" });
      const updateId = await newUpdate(db(), "Two thousand readers");
      expect(await publishUpdate(db(), updateId, "all")).toMatchObject({ ok: true, recipients: 2000 });
      const fake = await startFakeResend();
      const transport = () => createResendTransport({ apiKey: "re_test", from: "Lantern <u@example.org>", baseUrl: fake.url, requestsPerSecond: 1000 });
      // Two "instances": each its own transport and worker, on the same database.
      const workers = [1, 2].map(() => startDeliveryWorker(db(), { transport: transport(), settings: fastRetries, links: links }, { idleMs: 20 }));
      try {
        await waitFor(async () => (await statusCounts(db(), updateId)).sent === 2000, 100_000);
      } finally {
        await Promise.all(workers.map((worker) => worker.stop()));
        await fake.close();
      }
      expect(fake.deliveries.size).toBe(2000);
      expect([...fake.deliveries.values()].every((n) => n === 1)).toBe(true);
      expect(Math.max(...fake.calls.map((call) => call.size))).toBeLessThanOrEqual(100);
      // 2,000 emails in full batches of 100, and no batch sent twice.
      expect(fake.calls).toHaveLength(20);
    });

    it("re-sends a failed batch whole when several senders reach for it at once", { timeout: 120_000 }, async () => {
      await db().update(subscribers).set({ status: "unsubscribed" });
      await addReaders(db(), "whole", 100, { status: "confirmed", source: "home" });
      const updateId = await newUpdate(db(), "One batch, whole");
      await publishUpdate(db(), updateId, "all");
      // A provider that is down: each call records the batch it was handed and its key.
      const handed: { size: number; key: string }[] = [];
      const down: EmailTransport = {
        name: "resend",
        send: () => Promise.reject(new Error("provider down")),
        sendBatch: (emails, key) => {
          handed.push({ size: emails.length, key });
          return Promise.reject(new Error("provider down"));
        },
      };
      const context: DeliveryContext = { transport: down, settings: { ...fastRetries, maxAttempts: 1000 }, links };
      for (let round = 0; round < 12; round += 1) {
        await db().update(sentEmails).set({ nextAttemptAt: new Date() }).where(eq(sentEmails.updateId, updateId));
        await Promise.all(Array.from({ length: 8 }, () => deliverBulkBatch(db(), context)));
      }
      // Split between two senders, each half would go under its own idempotency key, and a provider
      // that had taken the first try would deliver it again.
      expect(handed.length).toBeGreaterThanOrEqual(12);
      expect(handed.filter((call) => call.size !== 100)).toEqual([]);
      expect(new Set(handed.map((call) => call.key)).size).toBe(1);
    });

    it("ends with every email sent once when the provider answers 429, 500 or times out, in batches at the set rate", { timeout: 120_000 }, async () => {
      await db().update(subscribers).set({ status: "unsubscribed" });
      await addReaders(db(), "flaky", 600, { status: "confirmed", source: "home" });
      const updateId = await newUpdate(db(), "A flaky provider");
      await publishUpdate(db(), updateId, "all");
      const script: FakeAnswer[] = ["rate-limited", "ok", "server-error", "slow", "ok", "rate-limited", "slow", "server-error"];
      // "slow" answers come after the client has given up (timeoutMs), having accepted the batch.
      const fake = await startFakeResend({ answer: (n) => script[n] ?? (n % 5 === 0 ? "slow" : "ok"), slowMs: 3000, maxCallsPerSecond: 6 });
      const transport = createResendTransport({ apiKey: "re_test", from: "Lantern <u@example.org>", baseUrl: fake.url, requestsPerSecond: 5, timeoutMs: 1500 });
      const worker = startDeliveryWorker(db(), { transport, settings: { ...fastRetries, maxAttempts: 30 }, links: links }, { idleMs: 20, concurrency: 2 });
      try {
        await waitFor(async () => (await statusCounts(db(), updateId)).sent === 600, 100_000);
      } finally {
        await worker.stop();
        await fake.close();
      }
      expect(fake.deliveries.size).toBe(600);
      expect([...fake.deliveries.values()].every((n) => n === 1)).toBe(true);
      expect(fake.calls.every((call) => call.size <= 100)).toBe(true);
      expect(fake.calls.some((call) => call.answer === "slow")).toBe(true);
      // The fake refuses a 7th call within a second; the transport never gets that far.
      expect(fake.peakCallsPerSecond()).toBeLessThanOrEqual(6);
      expect(fake.calls.filter((call) => call.answer === "rate-limited").length).toBeGreaterThanOrEqual(2);
      const [row] = await db()
        .select({ n: count() })
        .from(sentEmails)
        .where(and(eq(sentEmails.updateId, updateId), eq(sentEmails.status, "failed")));
      expect(row?.n).toBe(0);
    });
  },
  { seed: true },
);
