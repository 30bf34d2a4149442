import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { readLimitedBody } from "@/lib/http/read-limited-body";
import { MAX_WEBHOOK_BODY_BYTES, verifyStripeWebhook } from "@/lib/payments/webhooks/verify-webhook";

const stripe = new Stripe("sk_test_for_signature_tests");
const secret = "whsec_test_secret_for_signatures";
const payload = JSON.stringify({ id: "evt_1", object: "event", type: "invoice.paid", created: 1_700_000_000, data: { object: { id: "in_1" } } });
const now = () => Math.floor(Date.now() / 1000);
const signed = (body: string, timestamp?: number) => stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp });

describe("webhook signature", () => {
  it("accepts the exact bytes Stripe signed", () => {
    const verified = verifyStripeWebhook(stripe, payload, signed(payload), secret);
    expect(verified.ok && verified.event.id).toBe("evt_1");
  });

  it("accepts a clock a little behind or ahead (within the five-minute tolerance)", () => {
    expect(verifyStripeWebhook(stripe, payload, signed(payload, now() - 240), secret).ok).toBe(true);
    expect(verifyStripeWebhook(stripe, payload, signed(payload, now() + 240), secret).ok).toBe(true);
  });

  it.each([
    ["a missing header", () => null],
    ["another secret", () => stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_someone_else" })],
    ["a changed body", () => signed(payload.replace("in_1", "in_2"))],
    ["an old signature (replay)", () => signed(payload, now() - 3600)],
    ["a signature from the future (replayable for longer)", () => signed(payload, now() + 3600)],
    ["a future timestamp hidden behind a second t=", () => `t=${now()},${signed(payload, now() + 86_400)}`],
    ["garbage", () => "t=1,v1=deadbeef"],
    ["no timestamp", () => "v1=deadbeef"],
  ])("refuses %s", (_label, header) => {
    expect(verifyStripeWebhook(stripe, payload, header(), secret)).toEqual({ ok: false, reason: "signature" });
  });

  it.each([
    ["not JSON", "{not json"],
    ["JSON but not an object", "42"],
    ["null", "null"],
    ["an array", "[]"],
    ["an event without data", JSON.stringify({ id: "evt_2", object: "event", type: "invoice.paid", created: 1 })],
    ["an event whose object is a string", JSON.stringify({ id: "evt_3", object: "event", type: "invoice.paid", created: 1, data: { object: "in_1" } })],
    ["an id that is not an event id", JSON.stringify({ id: 5, object: "event", type: "invoice.paid", created: 1, data: { object: { id: "in_1" } } })],
    ["a thin (v2) event", JSON.stringify({ id: "evt_4", object: "v2.core.event", type: "invoice.paid", created: 1, data: { object: { id: "in_1" } } })],
  ])("answers a validly signed body that is %s as malformed", (_label, body) => {
    expect(verifyStripeWebhook(stripe, body, signed(body), secret)).toEqual({ ok: false, reason: "malformed" });
  });
});

describe("webhook body limit", () => {
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    new Request("http://localhost/api/webhooks/stripe", { method: "POST", body, headers, duplex: "half" } as RequestInit);

  it("reads a body up to the limit", async () => {
    const result = await readLimitedBody(post("x".repeat(MAX_WEBHOOK_BODY_BYTES)), MAX_WEBHOOK_BODY_BYTES);
    expect(result.ok && result.text.length).toBe(MAX_WEBHOOK_BODY_BYTES);
  });

  it("refuses a declared Content-Length over the limit without reading anything", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({ pull: (controller) => void (pulled++, controller.enqueue(new Uint8Array(1024))) });
    expect(await readLimitedBody(post(body, { "content-length": String(30 * 1024 * 1024) }), MAX_WEBHOOK_BODY_BYTES)).toEqual({
      ok: false,
      reason: "too-large",
    });
    expect(pulled).toBeLessThanOrEqual(1); // the stream's own priming pull, never read
  });

  it("stops a chunked body at the limit instead of buffering 30 MB", async () => {
    const chunks = 30 * 16; // 30 MB in 64 KB chunks
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > chunks) return controller.close();
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    expect(await readLimitedBody(post(body), MAX_WEBHOOK_BODY_BYTES)).toEqual({ ok: false, reason: "too-large" });
    expect(pulled).toBeLessThan(20);
  });

  it("refuses a nonsense Content-Length", async () => {
    expect(await readLimitedBody(post("{}", { "content-length": "-1" }), MAX_WEBHOOK_BODY_BYTES)).toEqual({ ok: false, reason: "too-large" });
  });
});
