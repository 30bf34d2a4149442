import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { withLogContext } from "@/lib/observability/log-context";
import { logger } from "@/lib/observability/logger";
import { scrubText } from "@/lib/observability/redact-log";
import { isSafeRequestId, requestIdFor } from "@/lib/observability/request-id";
import { withRequestContext } from "@/lib/observability/request-context";
import { proxy } from "@/proxy";
import { captureLogs, type LogCapture } from "../support/log-capture";

let logs: LogCapture | undefined;
afterEach(() => logs?.stop());

describe("what a log line may not carry", () => {
  it.each([
    ["an email address", "sent to ada.lovelace+gifts@mail.example.org today", "sent to [email] today"],
    [
      "a signed receipt link",
      "see https://give.example.org/receipts/0f8c1d2e-1111-4222-8333-944455556666.K7xQeZ1vH3pL9sT2mN8bR4cW6yA0dF5gJ1kE7uI3oPq",
      "see https://give.example.org/receipts/[redacted]",
    ],
    [
      "a manage link's token",
      "https://give.example.org/donate/manage?token=cus_123.K7xQeZ1vH3pL9sT2mN8bR4cW6yA0dF5gJ1kE7uI3oPq&x=1",
      "https://give.example.org/donate/manage?token=[redacted]&x=1",
    ],
    ["an unsubscribe link", "/unsubscribe?token=abc&email=bob%40example.org", "/unsubscribe?token=[redacted]&email=[redacted]"],
    [
      "a sign-in link",
      "/api/auth/callback/nodemailer?callbackUrl=%2Fadmin&token=f00dfeed&email=a%40b.org",
      "/api/auth/callback/nodemailer?callbackUrl=[redacted]&token=[redacted]&email=[redacted]",
    ],
    ["a signed value on its own", "session cus_9.1733600000.K7xQeZ1vH3pL9sT2mN8bR4cW6yA0dF5gJ1kE7uI3oPq expired", "session [redacted] expired"],
    ["a card number", "card 4242 4242 4242 4242 and 4000-0000-0000-0002 and 5555555555554444", "card [card] and [card] and [card]"],
    ["a bearer token", "Authorization: Bearer abc.def-ghi", "Authorization: Bearer [redacted]"],
    ["Stripe secrets", "key sk_live_51Habc and whsec_abc123= and rk_test_xyz", "key [redacted] and [redacted] and [redacted]"],
    ["a database password", "connect postgres://lantern:hunter2@db:5432/x failed", "connect postgres://lantern:[redacted]@db:5432/x failed"],
  ])("scrubs %s from text", (_what, text, scrubbed) => {
    expect(scrubText(text)).toBe(scrubbed);
  });

  it.each([
    ["timestamps and amounts", "event created 1733600000, paid 1733600000123 ms, 2606 cents"],
    ["Stripe ids", "evt_1Q2w3E4r5T6y7U8i cs_test_a1b2c3 pi_3Q cus_QwErTy in_1Abc ch_3Abc"],
    ["ordinary URLs", "GET https://give.example.org/campaigns/foreign-media?utm_source=mail 200"],
  ])("leaves %s alone", (_what, text) => {
    expect(scrubText(text)).toBe(text);
  });

  it("redacts personal and secret fields by name at any depth, and scrubs every string, errors included", () => {
    logs = captureLogs();
    const log = logger("test");
    log.error(
      {
        email: "ada@example.org",
        donor: { name: "Ada Lovelace", firstName: "Ada", postalAddress: "1 Example Street" },
        headers: { authorization: "Bearer sekrit-token-1", cookie: "authjs.session-token=sekrit-cookie-2", "content-type": "text/plain" },
        billing_details: { name: "Ada Lovelace" },
        note: "reply to grace@example.org",
        err: new Error("could not send to grace@example.org: https://x.org/receipts/abc.K7xQeZ1vH3pL9sT2mN8bR4cW6yA0dF5gJ1kE7uI3oPq"),
      },
      "failed for %s",
      "bob@example.org",
    );
    log.warn(new Error("thrown with carol@example.org inside"));
    const raw = logs.text();
    for (const secret of [
      "ada@example.org",
      "Ada Lovelace",
      "1 Example Street",
      "sekrit-token-1",
      "sekrit-cookie-2",
      "grace@example.org",
      "bob@example.org",
      "carol@example.org",
      "K7xQeZ1vH3pL9sT2mN8bR4cW6yA0dF5gJ1kE7uI3oPq",
    ]) {
      expect(raw).not.toContain(secret);
    }
    const [first, second] = logs.lines();
    expect(first).toMatchObject({
      level: "error",
      scope: "test",
      msg: "failed for [email]",
      note: "reply to [email]",
      headers: { "content-type": "text/plain" },
    });
    expect(first!.err).toMatchObject({ type: "Error", message: "could not send to [email]: https://x.org/receipts/[redacted]" });
    expect(second).toMatchObject({ level: "warn", msg: "thrown with [email] inside" });
  });
});

describe("request ids", () => {
  it("keeps a short token a load balancer sent and replaces anything else", () => {
    expect(requestIdFor("a1b2c3d4e5f6a7b8")).toBe("a1b2c3d4e5f6a7b8");
    for (const unsafe of ["short", "x".repeat(65), "has space in it", 'quote"injection', "line\nbreak-12345", "ada@example.org"]) {
      expect(isSafeRequestId(unsafe)).toBe(false);
      expect(requestIdFor(unsafe)).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(requestIdFor(null)).not.toBe(requestIdFor(null));
  });

  it("proxy.ts answers with X-Request-Id and hands the same id to the route in the request's header", async () => {
    for (const [incoming, expected] of [
      ["lb-0123456789abcdef", "lb-0123456789abcdef"],
      ["evil id\r\nwith: header", null],
      [null, null],
    ] as const) {
      const response = await proxy(
        new NextRequest("http://localhost:3000/about", { headers: incoming ? { "x-request-id": incoming.replace(/[\r\n]/g, "") } : {} }),
      );
      const id = response.headers.get("x-request-id");
      if (expected) expect(id).toBe(expected);
      else expect(id).toMatch(/^[0-9a-f-]{36}$/);
      // NextResponse.next({ request: { headers } }) passes request headers on as x-middleware-request-*.
      expect(response.headers.get("x-middleware-request-x-request-id")).toBe(id);
    }
    const refused = await proxy(new NextRequest("http://localhost:3000/%E0%A4%A", { headers: { "x-request-id": "lb-0123456789abcdef" } }));
    expect(refused.status).toBe(400);
    expect(refused.headers.get("x-request-id")).toBe("lb-0123456789abcdef");
  });

  it("puts the request's id, and the event's inside it, on every line of the work", async () => {
    logs = captureLogs();
    const log = logger("test"); // warn: the tests run at LOG_LEVEL=warn (vitest.config.mts)
    await withRequestContext(new Request("http://localhost/api/x", { headers: { "x-request-id": "req-0123456789" } }), async () => {
      log.warn("first");
      await withLogContext({ stripeEventId: "evt_1", stripeEventType: "checkout.session.completed" }, async () => {
        await Promise.resolve();
        log.warn("inside the event");
      });
      log.warn("after the event");
    });
    log.warn("outside any request");
    expect(logs.lines().map(({ msg, requestId, stripeEventId }) => ({ msg, requestId, stripeEventId }))).toEqual([
      { msg: "first", requestId: "req-0123456789", stripeEventId: undefined },
      { msg: "inside the event", requestId: "req-0123456789", stripeEventId: "evt_1" },
      { msg: "after the event", requestId: "req-0123456789", stripeEventId: undefined },
      { msg: "outside any request", requestId: undefined, stripeEventId: undefined },
    ]);
  });
});

describe("LOG_LEVEL", () => {
  it("is one of pino's levels, info by default; anything else stops the server with one sentence", () => {
    expect(parseEnv({}).LOG_LEVEL).toBe("info");
    expect(parseEnv({ LOG_LEVEL: "debug" }).LOG_LEVEL).toBe("debug");
    expect(() => parseEnv({ LOG_LEVEL: "verbose" })).toThrow("Lantern cannot start: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent.");
    expect(() => parseEnv({ LOG_FORMAT: "xml" })).toThrow("Lantern cannot start: LOG_FORMAT must be `json` or `pretty`.");
  });
});
