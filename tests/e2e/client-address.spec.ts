/**
 * Rate limits key on the client's address as the server sees it, never on what a client wrote.
 * Sign-in allows 10 link requests per client address per 15 minutes (lib/rate-limit/rules.ts).
 *
 * The main e2e server runs with TRUSTED_PROXY_HOPS=1 (the tests play the load balancer). A second
 * `next start` of the same build, on its own database, runs with the default of 0.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/csp";
import { E2E_PORT } from "./support/e2e-server";

const SIGN_IN_PER_CLIENT = 10;
const random = () => Math.floor(Math.random() * 250) + 1;

async function askForLink(page: Page, baseURL: string, forwardedFor: string) {
  // Also forges the header the server stamps with the connection's address: it must be replaced.
  await page.setExtraHTTPHeaders({ "x-forwarded-for": forwardedFor, "x-real-ip": forwardedFor, "x-lantern-peer-address": forwardedFor });
  await page.goto(`${baseURL}/sign-in`);
  await page.getByRole("textbox", { name: "Email address" }).fill(`rotating-${Date.now()}-${random()}@example.org`);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
}

async function expectLimitedAfter(page: Page, baseURL: string, forwardedFor: () => string) {
  for (let attempt = 1; attempt <= SIGN_IN_PER_CLIENT; attempt++) {
    await askForLink(page, baseURL, forwardedFor());
    await expect(page).toHaveURL(/\/sign-in\/check-email$/);
  }
  await askForLink(page, baseURL, forwardedFor());
  await expect(page.getByText(/^Too many sign-in requests\. Try again in \d+ minutes?\.$/)).toBeVisible();
}

test.describe("behind one trusted proxy (TRUSTED_PROXY_HOPS=1)", () => {
  test("entries the client wrote left of the proxy's are ignored: rotating them is still limited", async ({ page, baseURL }) => {
    const seenByProxy = `192.0.2.${random()}`;
    await expectLimitedAfter(page, baseURL!, () => `10.${random()}.${random()}.${random()}, ${seenByProxy}`);
  });

  test("the entry the proxy appended is the client: another one is not limited", async ({ page, baseURL }) => {
    await askForLink(page, baseURL!, `198.51.100.${random()}, 203.0.113.${random()}`);
    await expect(page).toHaveURL(/\/sign-in\/check-email$/);
  });
});

test.describe("with no trusted proxy (the default)", () => {
  const port = E2E_PORT + 8; // +1/+2, +6, +7 and +9 are other specs' servers
  const baseURL = `http://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  let dataDir = "";

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-e2e-hops0-"));
    server = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(port)], {
      detached: true,
      stdio: "ignore",
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        NEXT_DIST_DIR: ".next-e2e",
        NODE_ENV: "production",
        LANTERN_TEST_MODE: "demo",
        AUTH_SECRET: process.env.E2E_AUTH_SECRET,
        DEV_MAILBOX: "",
        LANTERN_DATA_DIR: dataDir,
        APP_URL: baseURL,
        DATABASE_URL: "",
        STRIPE_SECRET_KEY: "",
        STRIPE_WEBHOOK_SECRET: "",
        RESEND_API_KEY: "",
        TRUSTED_PROXY_HOPS: "",
      },
    });
    for (let waited = 0; waited < 90_000; waited += 500) {
      const healthy = await fetch(`${baseURL}/api/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (healthy) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`the second server on ${baseURL} did not start`);
  });

  test.afterAll(() => {
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test("a client rotating X-Forwarded-For is still limited by its connection's address", async ({ page }) => {
    await expectLimitedAfter(page, baseURL, () => `203.0.113.${random()}, 198.51.100.${random()}`);
  });
});
