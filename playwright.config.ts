import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests in Debian's Chromium against `next start` on a fresh embedded database.
 * E2E_PORT lets several checkouts run their suites side by side.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = process.env.E2E_DATA_DIR ?? `.data/e2e-${port}`;
const distDir = ".next-e2e"; // each checkout has its own; kept apart from `npm run dev`/`build` output

export default defineConfig({
  testDir: "tests/e2e",
  // One server owns one PGlite folder; tests share it, so they run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // Without these, Chromium tries to reach Google's services, which this network refuses.
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    command: `npx next build && npx tsx --tsconfig tests/e2e/support/tsconfig.scripts.json tests/e2e/support/prepare-e2e-data.ts && npx next start -p ${port}`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 600_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: distDir,
      NODE_ENV: "production",
      LANTERN_DATA_DIR: dataDir,
      APP_URL: baseURL,
      DEV_MAILBOX: "enabled",
      // Always the embedded database, the Stripe emulator and the dev mailbox, whatever the shell has.
      DATABASE_URL: "",
      STRIPE_SECRET_KEY: "",
      STRIPE_WEBHOOK_SECRET: "",
      RESEND_API_KEY: "",
      ADMIN_EMAILS: "admin@lantern.test",
      // The tests play one load balancer: a test that sends X-Forwarded-For gets its own rate-limit
      // bucket, the others share 127.0.0.1's (tests/e2e/client-address.spec.ts also runs a server with 0).
      TRUSTED_PROXY_HOPS: "1",
    },
  },
});
