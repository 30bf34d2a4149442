import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

// Outside a request there is no request scope for next/server's connection(); it only marks the route dynamic.
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), connection: async () => undefined }));

const DEMO = { NODE_ENV: "production", LANTERN_TEST_MODE: "demo", AUTH_SECRET: "x".repeat(44), RESEND_API_KEY: "", STRIPE_SECRET_KEY: "" };

async function load(environment: Record<string, string>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(environment)) vi.stubEnv(name, value);
  return {
    env: await import("@/lib/env"),
    route: await import("@/app/api/dev/mailbox/route"),
    page: (await import("@/app/dev/mailbox/page")).default,
  };
}

describe("the dev mailbox over HTTP (it holds sign-in links)", () => {
  afterEach(() => vi.unstubAllEnvs());

  it.each([[""], ["disabled"]])("is 404 in production, page and JSON alike (DEV_MAILBOX=%j)", async (devMailbox) => {
    const { env, route, page } = await load({ ...DEMO, DEV_MAILBOX: devMailbox });
    expect(env.isDevMailboxVisible()).toBe(false);
    const response = await route.GET(new Request("http://127.0.0.1:4200/api/dev/mailbox?to=admin%40lantern.test"));
    expect(response.status).toBe(404);
    await expect(page({ searchParams: Promise.resolve({ to: "admin@lantern.test" }) })).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/);
  });

  it("is visible in development unless switched off or real email is configured", async () => {
    expect((await load({ NODE_ENV: "development", DEV_MAILBOX: "", RESEND_API_KEY: "" })).env.isDevMailboxVisible()).toBe(true);
    expect((await load({ NODE_ENV: "development", DEV_MAILBOX: "disabled", RESEND_API_KEY: "" })).env.isDevMailboxVisible()).toBe(false);
    expect((await load({ NODE_ENV: "development", DEV_MAILBOX: "", RESEND_API_KEY: "re_1" })).env.isDevMailboxVisible()).toBe(false);
  });
});

describe("the dev mailbox on disk", () => {
  it("writes each email whole, as a private JSON file in $LANTERN_DATA_DIR/mailbox", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-mailbox-"));
    try {
      const { storeInDevMailbox } = await import("@/lib/email/dev-mailbox");
      const inserted = {
        id: "7d0c1f3e-0000-4000-8000-000000000001",
        toAddress: "ada@example.org",
        subject: "Sign in",
        html: "<p>hi</p>",
        text: "hi",
        headers: { "X-Test": "1" },
        createdAt: new Date("2026-01-02T03:04:05.678Z"),
      };
      const db = { insert: () => ({ values: () => ({ onConflictDoNothing: () => ({ returning: async () => [inserted] }) }) }) } as never;
      await storeInDevMailbox(db, dataDir, {
        from: "Lantern <giving@lantern.example>",
        to: " Ada@Example.org ",
        subject: "Sign in",
        html: "<p>hi</p>",
        text: "hi",
        headers: { "X-Test": "1" },
      });
      const folder = path.join(dataDir, "mailbox");
      const files = fs.readdirSync(folder);
      expect(files).toEqual([`2026-01-02T03-04-05-678Z-${inserted.id}.json`]);
      expect(fs.statSync(path.join(folder, files[0]!)).mode & 0o777).toBe(0o600);
      expect(JSON.parse(fs.readFileSync(path.join(folder, files[0]!), "utf8"))).toEqual({
        id: inserted.id,
        from: "Lantern <giving@lantern.example>",
        to: "ada@example.org",
        subject: "Sign in",
        html: "<p>hi</p>",
        text: "hi",
        headers: { "X-Test": "1" },
        receivedAt: "2026-01-02T03:04:05.678Z",
      });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
