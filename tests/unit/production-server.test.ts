import { describe, expect, it } from "vitest";
import { isProductionServer, parseEnv } from "@/lib/env";

/*
 * A production build is production whatever NODE_ENV the shell gives `next start` (issue 23,
 * finding 1). `next build` compiles the literal process.env.NODE_ENV to "production"; these tests
 * pass that compiled value as `builtFor` (tests/e2e/production-build-mode.spec.ts starts a real build).
 */
describe("isProductionServer: how the server was built decides, not NODE_ENV alone", () => {
  it.each(["development", "test", "production", undefined])("a production build is production with NODE_ENV=%s", (nodeEnv) => {
    expect(isProductionServer({ NODE_ENV: nodeEnv }, "production")).toBe(true);
  });

  it("`next dev` and the test runner are not, unless NODE_ENV says production", () => {
    expect(isProductionServer({ NODE_ENV: "development" }, "development")).toBe(false);
    expect(isProductionServer({ NODE_ENV: "test" }, "test")).toBe(false);
    expect(isProductionServer({}, undefined)).toBe(false);
    expect(isProductionServer({ NODE_ENV: "production" }, "development")).toBe(true);
  });

  it("`next build` itself needs no secrets", () => {
    expect(isProductionServer({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" }, "production")).toBe(false);
  });
});

describe("parseEnv of a production build started with a development NODE_ENV", () => {
  it.each(["development", "test"])("NODE_ENV=%s still refuses to start without secrets, in one sentence", (nodeEnv) => {
    expect(() => parseEnv({ NODE_ENV: nodeEnv }, "production")).toThrow(
      "Lantern cannot start: STRIPE_SECRET_KEY is required in production (or set LANTERN_TEST_MODE=demo to run a public demo on the Stripe emulator); AUTH_SECRET is required in production (generate one with `openssl rand -base64 32`).",
    );
    expect(() => parseEnv({ NODE_ENV: nodeEnv, LANTERN_TEST_MODE: "demo", AUTH_SECRET: "x".repeat(44), DEV_MAILBOX: "enabled" }, "production")).toThrow(
      "Lantern cannot start: DEV_MAILBOX cannot be enabled in production",
    );
  });

  it.each(["development", "test"])("NODE_ENV=%s reads as production everywhere env() is asked (dev mailbox, CSP, emulator dashboard)", (nodeEnv) => {
    expect(parseEnv({ NODE_ENV: nodeEnv, LANTERN_TEST_MODE: "demo", AUTH_SECRET: "x".repeat(44) }, "production").NODE_ENV).toBe("production");
  });

  it("development stays development when the code was not built for production", () => {
    expect(parseEnv({ NODE_ENV: "development" }, "development").NODE_ENV).toBe("development");
  });
});
