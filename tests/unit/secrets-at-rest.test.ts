import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { REMOVED_LINK, storeInDevMailbox, withoutLiveLinks } from "@/lib/email/dev-mailbox";
import { propsAfterDelivery, REDACTED_PROP, renderEmail } from "@/lib/email/render-email";

/*
 * Issue 23, finding 7: what the database keeps of an email opens nothing. The outbox blanks the
 * props of links that still work once an email is sent; a production server's dev mailbox table
 * keeps the email without such links (its private JSON file keeps it whole).
 */
const APP = "https://give.example.org";
const SIGN_IN = `${APP}/api/auth/callback/email?callbackUrl=%2Fadmin&token=0123456789abcdef0123456789abcdef&email=boss%40example.org`;
const MANAGE = `${APP}/donate/manage?link=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdE`;
const RECEIPT_MANAGE = `${APP}/donate/manage?token=cus_123.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU`;
const RECEIPT_PAGE = `${APP}/receipts/0b6a4f4e-2a7c-4c53-9a57-3b2d2f8f3f0e.c2lnbmF0dXJlLXNpZ25hdHVyZQ`;
const SECRETS = [
  "0123456789abcdef0123456789abcdef",
  "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdE",
  "c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU",
  "c2lnbmF0dXJlLXNpZ25hdHVyZQ",
];

const RECEIPT_PROPS = {
  organisationName: "Lantern",
  taxStatement: "No goods or services were provided.",
  donorName: "Joon",
  amount: "$10.00",
  feeCovered: null,
  date: "November 24, 2026",
  campaignTitle: "Inside North Korea",
  dedication: null,
  receiptNumber: "2026-000042",
  receiptUrl: RECEIPT_PAGE,
  organisationDetails: null,
  manageUrl: RECEIPT_MANAGE,
};

describe("the outbox after delivery (sent_emails)", () => {
  it.each(["one-off-receipt", "monthly-welcome-receipt", "monthly-receipt"])("keeps no receipt or manage link of a %s", (template) => {
    const kept = propsAfterDelivery(template, RECEIPT_PROPS);
    expect(kept).toMatchObject({ receiptUrl: REDACTED_PROP, manageUrl: REDACTED_PROP, receiptNumber: "2026-000042", amount: "$10.00" });
    for (const secret of SECRETS) expect(JSON.stringify(kept)).not.toContain(secret);
    // A link the email never had stays absent.
    expect(propsAfterDelivery(template, { ...RECEIPT_PROPS, manageUrl: null })).toMatchObject({ manageUrl: null });
  });

  it("keeps no manage link of a failed-payment or changed-gift email", () => {
    expect(propsAfterDelivery("monthly-payment-failed", { amount: "$10.00", manageUrl: RECEIPT_MANAGE })).toEqual({
      amount: "$10.00",
      manageUrl: REDACTED_PROP,
    });
    expect(propsAfterDelivery("monthly-gift-changed", { change: "kept", manageUrl: RECEIPT_MANAGE })).toEqual({ change: "kept", manageUrl: REDACTED_PROP });
  });
});

describe("links that still work, removed", () => {
  it("from rendered emails: sign-in, manage and receipt links, HTML and text alike", async () => {
    for (const [template, props] of [
      ["sign-in-link", { organisationName: "Lantern", url: SIGN_IN }],
      ["donor-manage-link", { organisationName: "Lantern", donorName: "Joon", url: MANAGE, expiresIn: "1 hour" }],
      ["monthly-welcome-receipt", RECEIPT_PROPS],
    ] as const) {
      const email = await renderEmail(template, props);
      expect(
        SECRETS.some((secret) => email.html.includes(secret) || email.text.includes(secret)),
        template,
      ).toBe(true);
      const html = withoutLiveLinks(email.html);
      const text = withoutLiveLinks(email.text);
      for (const secret of SECRETS) {
        expect(html, template).not.toContain(secret);
        expect(text, template).not.toContain(secret);
      }
      expect(html).toContain(REMOVED_LINK);
    }
  });

  it("keeps public addresses (a campaign page, an update's anchor)", () => {
    expect(withoutLiveLinks(`<a href="${APP}/campaigns/free-speech#update-1">Read</a>`)).toBe(`<a href="${APP}/campaigns/free-speech#update-1">Read</a>`);
    expect(withoutLiveLinks(`<${APP}/unsubscribe/one-click?token=abc.def>`)).toBe(`<${APP}/unsubscribe/one-click?${REMOVED_LINK}>`);
  });
});

describe("the dev mailbox table", () => {
  afterEach(() => vi.unstubAllEnvs());

  function fakeDb(rows: Record<string, unknown>[]) {
    return {
      insert: () => ({
        values: (values: Record<string, unknown>) => ({
          onConflictDoNothing: () => ({
            returning: async () => {
              rows.push(values);
              return [{ id: "7d0c1f3e-0000-4000-8000-000000000002", createdAt: new Date("2026-01-02T03:04:05.678Z"), ...values }];
            },
          }),
        }),
      }),
    } as never;
  }

  it("of a production server keeps no working link; the private file keeps the email whole", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-mailbox-redacted-"));
    try {
      const rows: Record<string, unknown>[] = [];
      const message = {
        from: "Lantern <giving@lantern.example>",
        to: "boss@example.org",
        subject: "Sign in",
        html: `<a href="${SIGN_IN.replace(/&/g, "&amp;")}">Sign in</a>`,
        text: `Sign in: ${SIGN_IN}`,
        headers: { "List-Unsubscribe": `<${APP}/unsubscribe/one-click?token=abc.def>` },
      };
      await storeInDevMailbox(fakeDb(rows), dataDir, message, { keepLiveLinks: false });
      expect(JSON.stringify(rows)).not.toContain("0123456789abcdef0123456789abcdef");
      expect(JSON.stringify(rows)).not.toContain("abc.def");
      expect(rows[0]).toMatchObject({ toAddress: "boss@example.org", subject: "Sign in" });
      const [file] = fs.readdirSync(path.join(dataDir, "mailbox"));
      const saved = JSON.parse(fs.readFileSync(path.join(dataDir, "mailbox", file!), "utf8")) as {
        html: string;
        text: string;
        headers: Record<string, string>;
      };
      expect(saved).toMatchObject({ html: message.html, text: message.text, headers: message.headers });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("is redacted by the transport of a production server (a demo), and kept whole in development", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-mailbox-transport-"));
    try {
      const stored: Record<string, unknown>[] = [];
      const email = { to: "boss@example.org", subject: "Sign in", html: `<a href="${SIGN_IN}">Sign in</a>`, text: SIGN_IN, headers: {}, idempotencyKey: "k1" };
      for (const [environment, expectSecret] of [
        [{ NODE_ENV: "production", LANTERN_TEST_MODE: "demo", AUTH_SECRET: "x".repeat(44) }, false],
        [{ NODE_ENV: "development", LANTERN_TEST_MODE: "", AUTH_SECRET: "" }, true],
      ] as const) {
        vi.resetModules();
        for (const [name, value] of Object.entries({ ...environment, LANTERN_DATA_DIR: dataDir, RESEND_API_KEY: "", STRIPE_SECRET_KEY: "", DEV_MAILBOX: "" }))
          vi.stubEnv(name, value);
        const { emailTransportFromEnv } = await import("@/lib/email/transport");
        stored.length = 0;
        await emailTransportFromEnv(fakeDb(stored)).send(email);
        expect(JSON.stringify(stored).includes("0123456789abcdef0123456789abcdef"), environment.NODE_ENV).toBe(expectSecret);
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
