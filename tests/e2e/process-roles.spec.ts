/**
 * LANTERN_ROLE (issue 22): the e2e build started once more per role, each on a data folder of its
 * own, and asked for a page, the webhook route and the probes. A path a role does not serve is
 * answered 404 by proxy.ts (naming the role); the start-up log says whether the process runs the
 * outbox's delivery loop.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_DIST_DIR, E2E_PORT } from "./support/e2e-server";

// The main server is E2E_PORT; +1…+9 and +95 are other specs' servers.
const port = E2E_PORT + 10;
const baseURL = `http://127.0.0.1:${port}`;

interface Started {
  server: ChildProcess;
  /** What the server printed, its JSON log lines shown as `[scope] message` (readable below). */
  output: () => string;
  /** Exactly what it printed. */
  raw: () => string;
  exited: Promise<number | null>;
}

/** A production server logs one JSON object per line (lib/observability/logger.ts): each as `[scope] message`, other lines as they are. */
function readable(output: string): string {
  return output
    .split("\n")
    .map((line) => {
      try {
        const parsed = JSON.parse(line) as { scope?: string; msg?: string };
        return typeof parsed.msg === "string" ? `[${parsed.scope}] ${parsed.msg}` : line;
      } catch {
        return line;
      }
    })
    .join("\n");
}

function startWithRole(dataDir: string, role: string): Started {
  let output = "";
  const server = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(port)], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: E2E_DIST_DIR,
      LANTERN_DATA_DIR: dataDir,
      APP_URL: baseURL,
      DATABASE_URL: "",
      STRIPE_SECRET_KEY: "",
      STRIPE_WEBHOOK_SECRET: "",
      RESEND_API_KEY: "",
      DEV_MAILBOX: "",
      LANTERN_TEST_MODE: "demo",
      AUTH_SECRET: "r".repeat(44),
      EMAIL_WORKER: "",
      LANTERN_ROLE: role,
    },
  });
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => server.on("exit", (code) => resolve(code)));
  return { server, output: () => readable(output), raw: () => output, exited };
}

/** Resolves once /api/health answers and the start-up log has said what the process does. */
async function ready(started: Started): Promise<void> {
  for (let waited = 0; waited < 90_000; waited += 250) {
    if (started.server.exitCode !== null) throw new Error(`the server stopped: ${started.output()}`);
    const healthy = await fetch(`${baseURL}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy && started.output().includes("[lantern] role ")) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server on ${baseURL} did not start: ${started.output()}`);
}

async function stop(started: Started | undefined): Promise<void> {
  if (started?.server.pid && started.server.exitCode === null) {
    try {
      process.kill(-started.server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  await started?.exited;
}

const signedNothing = { method: "POST", headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=00" }, body: "{}" };

test.describe("process roles", () => {
  let dataDir = "";
  let started: Started | undefined;
  test.beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-e2e-role-"));
  });
  test.afterEach(async () => {
    await stop(started);
    started = undefined;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test("a bad LANTERN_ROLE stops the server with one sentence naming it", async () => {
    test.setTimeout(90_000);
    started = startWithRole(dataDir, "webhook");
    expect(await started.exited, started.output()).toBe(1);
    expect(started.output()).toContain("Lantern cannot start: LANTERN_ROLE must be one of all, web, webhooks or worker.");
  });

  test("webhooks: only the webhook route and the probes answer; no delivery loop", async () => {
    test.setTimeout(120_000);
    started = startWithRole(dataDir, "webhooks");
    await ready(started);
    // The route itself answers (a bad signature is its 400), not a 404.
    const webhook = await fetch(`${baseURL}/api/webhooks/stripe`, signedNothing);
    expect(webhook.status).toBe(400);
    expect(await webhook.json()).toEqual({ error: "Invalid Stripe signature" });
    expect((await fetch(`${baseURL}/api/ready`)).status).toBe(200);
    for (const address of ["/", "/campaigns/foreign-media-in-north-korea", "/admin", "/sign-in", "/api/auth/session"]) {
      const response = await fetch(`${baseURL}${address}`, { redirect: "manual" });
      expect(response.status, address).toBe(404);
      expect(response.headers.get("x-lantern-role"), address).toBe("webhooks");
    }
    expect(started.output()).toContain("[lantern] role webhooks: serves Stripe webhooks and the probes only");
    expect(started.output()).toContain("email delivery loop off");
    expect(started.output()).not.toContain("email delivery worker started");
  });

  test("web: pages and forms answer, the webhook route is a 404; no delivery loop", async () => {
    test.setTimeout(120_000);
    started = startWithRole(dataDir, "web");
    await ready(started);
    expect((await fetch(`${baseURL}/campaigns/foreign-media-in-north-korea`)).status).toBe(200);
    expect((await fetch(`${baseURL}/sign-in`)).status).toBe(200);
    const webhook = await fetch(`${baseURL}/api/webhooks/stripe`, signedNothing);
    expect(webhook.status).toBe(404);
    expect(webhook.headers.get("x-lantern-role")).toBe("web");
    expect(started.output()).toContain("[lantern] role web: serves pages, forms and admin");
    expect(started.output()).toContain("email delivery loop off");
    expect(started.output()).not.toContain("email delivery worker started");
  });

  test("worker: runs the delivery loop and answers only the probes", async () => {
    test.setTimeout(120_000);
    started = startWithRole(dataDir, "worker");
    await ready(started);
    expect(started.output()).toContain("[lantern] email delivery worker started");
    expect(started.output()).toContain("[lantern] role worker: serves the probes only");
    expect((await fetch(`${baseURL}/api/ready`)).status).toBe(200);
    for (const address of ["/", "/api/webhooks/stripe"]) expect((await fetch(`${baseURL}${address}`)).status, address).toBe(404);
  });

  test("all (the default): pages, the webhook route and the delivery loop", async () => {
    test.setTimeout(120_000);
    started = startWithRole(dataDir, "");
    await ready(started);
    expect((await fetch(`${baseURL}/`)).status).toBe(200);
    expect((await fetch(`${baseURL}/api/webhooks/stripe`, signedNothing)).status).toBe(400);
    expect(started.output()).toContain("[lantern] email delivery worker started");
    expect(started.output()).toContain("[lantern] role all:");
    // In production the start-up lines are JSON objects.
    const line = started
      .raw()
      .split("\n")
      .find((candidate) => candidate.includes("role all:"));
    expect(JSON.parse(line!)).toMatchObject({ level: "info", scope: "lantern" });
  });
});
