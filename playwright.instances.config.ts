import { randomBytes } from "node:crypto";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_LAUNCH_OPTIONS, E2E_BUILD_SETTINGS, shellEnvPrefix } from "./tests/e2e/support/e2e-server";
import { INSTANCES_BUILD_DIR, instanceDataDirs, instanceEnv, instancePorts, instancesDatabaseUrls } from "./tests/e2e/support/instances-database";

/**
 * Two `next start` instances from one build on one PostgreSQL database (TEST_DATABASE_URL),
 * as behind a load balancer: tests/e2e-instances/. Ports: E2E_INSTANCE_PORT (default E2E_PORT + 1)
 * and the next one. Instance A is started here; instance B by the spec, from its own copy of
 * the build folder, so that a test can restart it (tests/e2e/support/instance-process.ts).
 * Without TEST_DATABASE_URL the suite reports itself skipped (PGlite is one process).
 * E2E_SKIP_BUILD=1 reuses the build the main e2e run just made (npm run test:e2e does).
 */
// Production requires AUTH_SECRET from the environment; a new one per run, never a constant.
process.env.E2E_AUTH_SECRET ??= randomBytes(32).toString("base64url");
// Webhook delivery's seed in both instances' emulators (see playwright.config.ts).
process.env.STRIPE_EMULATOR_SEED ??= String(randomBytes(4).readUInt32BE(0));
const [portA, portB] = instancePorts();
const database = instancesDatabaseUrls(portA);
const dataDirs = instanceDataDirs([portA, portB]);
// The admin signs in on instance B; the tests read its emails from B's data folder (the demo's
// dev mailbox is files, never HTTP), through the same helper the main suite uses.
process.env.E2E_DATA_DIR = dataDirs[1];

// Built with other settings than the instances start with, as playwright.config.ts does.
const build = process.env.E2E_SKIP_BUILD === "1" ? "true" : `${shellEnvPrefix(E2E_BUILD_SETTINGS)} node scripts/cached-build.mjs ${INSTANCES_BUILD_DIR}`;
const prepare = "npx tsx --tsconfig tests/e2e/support/tsconfig.scripts.json tests/e2e/support/prepare-instances-data.ts";

export default defineConfig({
  testDir: "tests/e2e-instances",
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [["./tests/support/playwright-reporter.ts"], ["json", { outputFile: ".test-totals/e2e-instances.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${portA}`,
    trace: "retain-on-failure",
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
  },
  // The first builds (unless told not to) and prepares the database; B starts from the spec.
  webServer: database
    ? [
        {
          command: `${build} && ${prepare} && npx next start -p ${portA}`,
          url: `http://127.0.0.1:${portA}/api/health`,
          reuseExistingServer: false,
          timeout: 600_000,
          stdout: "pipe",
          stderr: "pipe",
          env: { ...instanceEnv(portA, dataDirs[0], "lantern-a"), INSTANCES_PORT: String(portA), INSTANCE_DATA_DIRS: dataDirs.join(",") },
        },
      ]
    : undefined,
});
