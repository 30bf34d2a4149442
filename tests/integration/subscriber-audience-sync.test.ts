import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { Resend } from "resend";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { subscribers } from "@/db/schema";
import type { Database } from "@/db/database";
import { deliverQueuedEmails } from "@/lib/email/outbox";
import { listDevMailbox } from "@/lib/email/dev-mailbox";
import { syncSubscriberAudience, type AudienceConfig } from "@/lib/subscribers/audience-sync";
import { STORED_CONSENT_TEXT } from "@/lib/subscribers/consent";
import { confirmSubscription } from "@/lib/subscribers/confirm-subscription";
import { requestSubscription } from "@/lib/subscribers/request-subscription";
import { signUnsubscribeToken } from "@/lib/subscribers/tokens";
import { unsubscribe } from "@/lib/subscribers/unsubscribe";
import type { SubscriptionSettings } from "@/lib/subscribers/subscription-settings";
import { describeEachDatabase } from "../support/test-database";

/*
 * A stand-in for Resend's contacts API (the routes the SDK calls), so the real `resend` SDK is
 * exercised end to end: contacts are global by email, segment membership is a set.
 */
interface FakeContact {
  unsubscribed: boolean;
  firstName?: string;
  segments: Set<string>;
}
const contacts = new Map<string, FakeContact>();
const calls: string[] = [];
let failNext = 0;
/** Addresses the fake refuses every time (as Resend would an address it considers invalid). */
const refused = new Set<string>();
let server: Server;

async function body(request: IncomingMessage): Promise<Record<string, unknown>> {
  let raw = "";
  for await (const chunk of request) raw += chunk;
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
}

function json(status: number, payload: unknown) {
  return { status, payload };
}

async function handle(request: IncomingMessage) {
  const url = new URL(request.url ?? "/", "http://fake");
  const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  calls.push(`${request.method} /${parts.join("/")}`);
  if (failNext > 0) {
    failNext -= 1;
    return json(500, { name: "internal_server_error", statusCode: 500, message: "Resend is having a bad day" });
  }
  const data = await body(request);
  if (refused.has(parts[1] ?? "") || refused.has(String(data.email))) {
    return json(422, { name: "validation_error", statusCode: 422, message: "Invalid email" });
  }
  if (parts[0] !== "contacts") return json(404, { name: "not_found", statusCode: 404, message: "no route" });
  if (request.method === "POST" && parts.length === 1) {
    const email = String(data.email);
    if (contacts.has(email)) return json(409, { name: "validation_error", statusCode: 409, message: "Contact already exists" });
    const segments = new Set(((data.segments as { id: string }[] | undefined) ?? []).map((s) => s.id));
    contacts.set(email, { unsubscribed: Boolean(data.unsubscribed), firstName: data.first_name as string | undefined, segments });
    return json(201, { object: "contact", id: `ct_${contacts.size}` });
  }
  const contact = contacts.get(parts[1] ?? "");
  if (!contact) return json(404, { name: "not_found", statusCode: 404, message: "Contact not found" });
  if (request.method === "PATCH" && parts.length === 2) {
    if (typeof data.unsubscribed === "boolean") contact.unsubscribed = data.unsubscribed;
    if (typeof data.first_name === "string") contact.firstName = data.first_name;
    return json(200, { object: "contact", id: "ct" });
  }
  if (parts[2] === "segments" && parts[3]) {
    if (request.method === "POST") contact.segments.add(parts[3]);
    if (request.method === "DELETE") {
      if (!contact.segments.delete(parts[3])) return json(404, { name: "not_found", statusCode: 404, message: "Not in segment" });
    }
    return json(200, { id: parts[3] });
  }
  return json(404, { name: "not_found", statusCode: 404, message: "no route" });
}

let config: AudienceConfig;
const AUDIENCE = "aud_updates";

beforeAll(async () => {
  server = createServer((request, response) => {
    handle(request).then(
      ({ status, payload }) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(payload));
      },
      (error: unknown) => {
        response.writeHead(500);
        response.end(String(error));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  config = { client: new Resend("re_test_fake", { baseUrl: `http://127.0.0.1:${port}` }), audienceId: AUDIENCE };
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const settings: SubscriptionSettings = {
  appUrl: "http://localhost:3102",
  organisationName: "Lantern",
  confirmationTtlHours: 48,
  linkSecret: "audience-test-secret",
};

async function signUp(db: Database, email: string, firstName: string | null): Promise<string> {
  const result = await requestSubscription(db, { email, firstName, source: "home", consentText: STORED_CONSENT_TEXT }, settings);
  await deliverQueuedEmails(db, { keys: result.emailKeys });
  return result.subscriberId;
}

async function confirmLatest(db: Database, email: string) {
  const [mail] = await listDevMailbox(db, { to: email });
  return confirmSubscription(db, /token=([A-Za-z0-9_-]{43})/.exec(mail?.html ?? "")?.[1]);
}

describeEachDatabase("Resend audience sync", (db) => {
  beforeEach(() => {
    contacts.clear();
    calls.length = 0;
    failNext = 0;
    refused.clear();
  });

  it("adds confirmed subscribers, leaves pending ones out, and removes them on unsubscribe", async () => {
    const id = await signUp(db(), "Ada@example.org", "Ada"); // as normalised by the form: domain lower-cased
    await signUp(db(), "pending@example.org", null);
    expect(await syncSubscriberAudience(db(), config)).toEqual({ synced: 0, failed: 0 });
    expect(calls).toEqual([]);

    await confirmLatest(db(), "ada@example.org");
    expect(await syncSubscriberAudience(db(), config)).toEqual({ synced: 1, failed: 0 });
    expect(contacts.get("Ada@example.org")).toEqual({ unsubscribed: false, firstName: "Ada", segments: new Set([AUDIENCE]) });
    const [row] = await db().select().from(subscribers).where(eq(subscribers.id, id));
    expect(row?.audienceSyncedStatus).toBe("confirmed");

    // In step: nothing more to push.
    calls.length = 0;
    expect(await syncSubscriberAudience(db(), config)).toEqual({ synced: 0, failed: 0 });
    expect(calls).toEqual([]);

    await unsubscribe(db(), signUnsubscribeToken(id, settings.linkSecret), settings.linkSecret);
    expect(await syncSubscriberAudience(db(), config, { subscriberIds: [id] })).toEqual({ synced: 1, failed: 0 });
    expect(contacts.get("Ada@example.org")).toMatchObject({ unsubscribed: true, segments: new Set() });
    const [after] = await db().select().from(subscribers).where(eq(subscribers.id, id));
    expect(after?.audienceSyncedStatus).toBe("unsubscribed");
  });

  it("re-subscribes an existing contact, and keeps the database as the truth when Resend fails", async () => {
    contacts.set("returning@example.org", { unsubscribed: true, segments: new Set() });
    await signUp(db(), "returning@example.org", null);
    await confirmLatest(db(), "returning@example.org");

    failNext = 1;
    expect(await syncSubscriberAudience(db(), config)).toEqual({ synced: 0, failed: 1 });
    const [row] = await db().select().from(subscribers).where(eq(subscribers.email, "returning@example.org"));
    expect(row?.status).toBe("confirmed");
    expect(row?.audienceSyncedStatus).toBeNull();

    expect(await syncSubscriberAudience(db(), config)).toEqual({ synced: 1, failed: 0 });
    expect(contacts.get("returning@example.org")).toEqual({ unsubscribed: false, segments: new Set([AUDIENCE]) });
    expect(calls.filter((c) => c.startsWith("POST /contacts/returning@example.org/segments/"))).toHaveLength(1);
  });

  it("unsubscribing someone Resend never knew needs no call beyond the lookup", async () => {
    const id = await signUp(db(), "quiet@example.org", null);
    await confirmLatest(db(), "quiet@example.org");
    await unsubscribe(db(), signUnsubscribeToken(id, settings.linkSecret), settings.linkSecret);
    expect(await syncSubscriberAudience(db(), config, { subscriberIds: [id] })).toEqual({ synced: 0, failed: 0 });
    expect(contacts.has("quiet@example.org")).toBe(false);
  });

  it("puts a contact that keeps failing at the back of the queue, so it never blocks the others", async () => {
    refused.add("refused@example.org");
    await signUp(db(), "refused@example.org", null);
    await confirmLatest(db(), "refused@example.org");
    await signUp(db(), "patient@example.org", null);
    await confirmLatest(db(), "patient@example.org");

    const first = await syncSubscriberAudience(db(), config, { limit: 1 });
    const second = await syncSubscriberAudience(db(), config, { limit: 1 });
    expect(first.synced + second.synced).toBe(1);
    expect(first.failed + second.failed).toBe(1);
    expect(contacts.get("patient@example.org")?.segments.has(AUDIENCE)).toBe(true);
    const [row] = await db().select().from(subscribers).where(eq(subscribers.email, "refused@example.org"));
    expect(row?.audienceSyncedStatus).toBeNull();
    expect(row?.audienceSyncAttemptedAt).toBeInstanceOf(Date);
  });

  it("reaches the right contact for an address with characters that are special in a URL path", async () => {
    const email = "o/brien#1@example.org";
    const id = await signUp(db(), email, null);
    await confirmLatest(db(), email);
    await syncSubscriberAudience(db(), config, { subscriberIds: [id] });
    await unsubscribe(db(), signUnsubscribeToken(id, settings.linkSecret), settings.linkSecret);
    expect(await syncSubscriberAudience(db(), config, { subscriberIds: [id] })).toEqual({ synced: 1, failed: 0 });
    expect(contacts.get(email)).toMatchObject({ unsubscribed: true, segments: new Set() });
    expect(calls).toContain(`PATCH /contacts/${email}`);
  });
});
