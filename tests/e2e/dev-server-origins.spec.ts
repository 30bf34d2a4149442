/**
 * An evaluator's first minute: `npm run dev`, then the address the terminal prints or
 * 127.0.0.1. Next refuses its dev requests from hosts that are not allowed (next.config.js's
 * allowedDevOrigins), and the giving form then stays server HTML: no live total, no labels that
 * follow the choices. This starts `next dev` itself (its own build folder and data) and browses
 * it at 127.0.0.1 while the server calls itself localhost.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_PORT } from "./support/e2e-server";

// +1/+2 instances, +6 outage, +7 bad input, +8 client address, +9 any port.
const port = E2E_PORT + 3;
const dataDir = `.data/e2e-dev-${port}`;
let server: ChildProcess | undefined;
let output = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  // Its first compile takes well under a minute on a quiet machine; a busy CI machine is slower.
  test.setTimeout(300_000);
  fs.rmSync(path.resolve(dataDir), { recursive: true, force: true });
  // Without NODE_ENV: `next dev` sets development itself (the runner's may say test or production).
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "NODE_ENV"));
  const env: Record<string, string | undefined> = {
    ...inherited,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: ".next-e2e-dev",
    LANTERN_DATA_DIR: dataDir,
    // The server calls itself localhost, as `npm run dev` does; the browser comes from 127.0.0.1.
    APP_URL: `http://localhost:${port}`,
    DATABASE_URL: "",
    STRIPE_SECRET_KEY: "",
    STRIPE_WEBHOOK_SECRET: "",
    RESEND_API_KEY: "",
    LANTERN_TEST_MODE: "",
  };
  server = spawn("npx", ["next", "dev", "-p", String(port)], { env: env as NodeJS.ProcessEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  server.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 280_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`next dev exited:\n${output}`);
    const ready = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`next dev did not answer in time:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
});

test.afterAll(() => {
  // The whole process group: npx, next and its dev worker.
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
});

test("npm run dev browsed at 127.0.0.1 hydrates the giving form", async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(`http://127.0.0.1:${port}/donate`, { timeout: 240_000, waitUntil: "domcontentloaded" });
  const form = page
    .locator("form")
    .filter({ has: page.getByRole("button", { name: /Donate/ }) })
    .first();
  await expect(form).toBeVisible();
  // React marks every node it hydrated; server HTML alone has no such property.
  await expect.poll(() => form.evaluate((element) => Object.keys(element).some((key) => key.startsWith("__reactFiber"))), { timeout: 90_000 }).toBe(true);
  expect(output).not.toContain("Blocked cross-origin request");
});
