/**
 * A production build never behaves like development, whatever NODE_ENV says (issue 23, finding 1).
 * `next start` keeps the shell's NODE_ENV; lib/env decides production-ness from how the code was
 * built (isProductionServer). Each test starts the e2e build (`.next-e2e`) once more, with
 * NODE_ENV=development or test, on its own data folder.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_PORT } from "./support/e2e-server";

// The main server is E2E_PORT; +1…+3 and +5…+9 are other specs' servers.
const port = E2E_PORT + 4;
const baseURL = `http://127.0.0.1:${port}`;
const SECRET = "s".repeat(44);

interface Started {
  server: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startBuild(dataDir: string, environment: Record<string, string>): Started {
  let output = "";
  const server = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(port)], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: ".next-e2e",
      LANTERN_DATA_DIR: dataDir,
      APP_URL: baseURL,
      DATABASE_URL: "",
      STRIPE_SECRET_KEY: "",
      STRIPE_WEBHOOK_SECRET: "",
      RESEND_API_KEY: "",
      DEV_MAILBOX: "",
      LANTERN_TEST_MODE: "",
      AUTH_SECRET: "",
      ADMIN_EMAILS: "admin@lantern.test",
      ...environment,
    },
  });
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => server.on("exit", (code) => resolve(code)));
  return { server, output: () => output, exited };
}

async function healthy(started: Started): Promise<void> {
  for (let waited = 0; waited < 90_000; waited += 500) {
    if (started.server.exitCode !== null) throw new Error(`the server stopped: ${started.output()}`);
    if (
      await fetch(`${baseURL}/api/health`).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the server on ${baseURL} did not start: ${started.output()}`);
}

function stop(started: Started | undefined): void {
  if (started?.server.pid && started.server.exitCode === null) {
    try {
      process.kill(-started.server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

for (const nodeEnv of ["development", "test"]) {
  test.describe(`a production build started with NODE_ENV=${nodeEnv}`, () => {
    let dataDir = "";
    let started: Started | undefined;

    test.beforeEach(() => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `lantern-e2e-node-env-${nodeEnv}-`));
    });
    test.afterEach(async () => {
      stop(started);
      await started?.exited;
      started = undefined;
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    test("refuses to start without secrets, in one sentence naming what is missing", async () => {
      test.setTimeout(90_000);
      started = startBuild(dataDir, { NODE_ENV: nodeEnv });
      const code = await Promise.race([started.exited, new Promise<"running">((resolve) => setTimeout(() => resolve("running"), 60_000))]);
      expect(code, started.output()).toBe(1);
      expect(started.output()).toContain(
        "Lantern cannot start: STRIPE_SECRET_KEY is required in production (or set LANTERN_TEST_MODE=demo to run a public demo on the Stripe emulator); AUTH_SECRET is required in production (generate one with `openssl rand -base64 32`).",
      );
      // It stopped before opening (and creating) a database.
      expect(fs.readdirSync(dataDir)).toEqual([]);
    });

    test("as a demo, never serves the dev mailbox and sends no development CSP", async () => {
      test.setTimeout(120_000);
      started = startBuild(dataDir, { NODE_ENV: nodeEnv, LANTERN_TEST_MODE: "demo", AUTH_SECRET: SECRET });
      await healthy(started);
      // An admin's sign-in link lands in the mailbox; nobody may read it over HTTP.
      const signIn = await fetch(`${baseURL}/sign-in`);
      expect(signIn.status).toBe(200);
      expect(signIn.headers.get("content-security-policy")).not.toContain("unsafe-eval");
      for (const address of ["/api/dev/mailbox", "/api/dev/mailbox?to=admin%40lantern.test", "/dev/mailbox", "/dev/mailbox?to=admin%40lantern.test"]) {
        const response = await fetch(`${baseURL}${address}`);
        expect(response.status, address).toBe(404);
        expect(await response.text(), address).not.toContain("admin@lantern.test");
      }
    });
  });
}
