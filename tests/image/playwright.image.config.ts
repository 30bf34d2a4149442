import { defineConfig } from "@playwright/test";
import { CHROMIUM_LAUNCH_OPTIONS } from "../e2e/support/e2e-server";

/**
 * `npm run test:image` only (tests/image/run.sh starts the compose set first): Chromium against
 * nginx at IMAGE_TEST_URL. APP_URL's host (lantern.localhost) is sent to this machine, where
 * compose publishes nginx.
 */
export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.ts",
  // Its own folder: Playwright empties its output folder when it starts, and the e2e suite's
  // (test-results/) may be in use at the same time.
  outputDir: "../../test-results/image",
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    trace: "retain-on-failure",
    launchOptions: { ...CHROMIUM_LAUNCH_OPTIONS, args: [...CHROMIUM_LAUNCH_OPTIONS.args, "--host-resolver-rules=MAP lantern.localhost 127.0.0.1"] },
  },
});
