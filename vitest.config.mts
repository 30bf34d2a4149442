import { defineConfig } from "vitest/config";
import { randomBytes } from "node:crypto";
import path from "node:path";

/**
 * Two projects, so each layer says what it needs:
 * - unit: no network, no database, no servers — pure logic, fast (`npm run test:unit`);
 * - integration: databases (PGlite, and PostgreSQL with TEST_DATABASE_URL), HTTP servers and the
 *   Stripe emulator (`npm run test:integration`).
 * A package's tests are integration unless they live in its tests/unit folder.
 */
// Every Stripe emulator of a run delivers webhooks from this seed (like Stripe: concurrently, in no
// order, some twice); tests/support/delivery-seed.ts prints it with any failure, and
// STRIPE_EMULATOR_SEED=<seed> replays it. Set here, in the main process, so every worker shares it.
process.env.STRIPE_EMULATOR_SEED ??= String(randomBytes(4).readUInt32BE(0));

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside a React Server environment; domain tests run in plain Node.
      "server-only": path.resolve(import.meta.dirname, "tests/support/server-only-stub.ts"),
    },
  },
  test: {
    environment: "node",
    // The app's log lines (lib/observability/logger.ts) from every webhook and email would bury
    // the test report: warnings and errors only, unless LOG_LEVEL says otherwise. Tests that
    // read the logs capture them (tests/support/log-capture.ts).
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" },
    setupFiles: ["tests/support/delivery-seed.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite instances are memory-hungry; two workers suit a 2-core machine.
    maxWorkers: 2,
    // next-auth imports "next/server" without an extension, which only a bundler resolves.
    server: { deps: { inline: ["next-auth"] } },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts", "packages/*/tests/unit/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          // Migrates each kind of test database once; suites start from copies.
          globalSetup: ["tests/support/database-templates.ts"],
          include: ["tests/integration/**/*.test.ts", "packages/*/tests/**/*.test.ts"],
          exclude: ["packages/*/tests/unit/**"],
        },
      },
    ],
  },
});
