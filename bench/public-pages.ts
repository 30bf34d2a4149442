/**
 * Throughput of the public pages on this machine: builds nothing, expects `npm run build`
 * to have run, starts `next start` on a fresh embedded database and loads each page with
 * autocannon on loopback (bounded: a few seconds per page). Prints requests per second.
 *
 *   npm run build && npm run bench:pages
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import autocannon from "autocannon";

const PORT = Number(process.env.BENCH_PORT ?? 3190);
const BASE = `http://127.0.0.1:${PORT}`;
const DATA_DIR = ".data/bench-pages";
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

const targets = [
  { name: "campaign page (ISR, cached)", path: "/campaigns/inside-north-korea-pandemic-era-controls" },
  { name: "home page (ISR, cached)", path: "/" },
  { name: "health check (one database query per request)", path: "/api/health" },
];

async function waitForServer(): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("server did not start");
}

async function main(): Promise<void> {
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  const server = spawn("npx", ["next", "start", "-p", String(PORT)], {
    // A production build on the emulator runs only as a demo, with an AUTH_SECRET (new each run).
    env: {
      ...process.env,
      LANTERN_DATA_DIR: DATA_DIR,
      DATABASE_URL: "",
      STRIPE_SECRET_KEY: "",
      LANTERN_TEST_MODE: "demo",
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      DEV_MAILBOX: "",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: "ignore",
    detached: true,
  });
  try {
    await waitForServer();
    console.log(`${SECONDS}s per page, 20 connections, loopback, ${new Date().toISOString()}`);
    for (const target of targets) {
      await fetch(`${BASE}${target.path}`); // warm the cache
      const result = await autocannon({ url: `${BASE}${target.path}`, connections: 20, duration: SECONDS });
      const errors = result.errors + result.non2xx;
      console.log(
        `${target.name.padEnd(56)} ${result.requests.average.toFixed(0).padStart(6)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms${errors ? `  (${errors} errors)` : ""}`,
      );
    }
  } finally {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
