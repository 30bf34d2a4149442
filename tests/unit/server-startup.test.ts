import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

/** Runs the start-up hook with this environment; returns what it printed and whether it stopped the process. */
async function start(environment: Record<string, string>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(environment)) vi.stubEnv(name, value);
  const errors: string[] = [];
  vi.spyOn(console, "error").mockImplementation((message: unknown) => void errors.push(String(message)));
  const exit = vi.spyOn(process, "exit").mockImplementation(((code?: number) => {
    throw new Error(`exit ${code}`);
  }) as typeof process.exit);
  const { prepareServer } = await import("@/lib/server-startup");
  const outcome = await prepareServer().then(
    () => "started",
    (error: unknown) => String(error),
  );
  return { outcome, errors, exitCode: exit.mock.calls[0]?.[0] };
}

const BASE = { NEXT_PHASE: "", DATABASE_URL: "", STRIPE_SECRET_KEY: "", STRIPE_WEBHOOK_SECRET: "", RESEND_API_KEY: "", APP_URL: "", DEV_MAILBOX: "", LANTERN_TEST_MODE: "" };

describe("server start-up refuses an unsafe production", () => {
  beforeEach(() => vi.unstubAllEnvs());
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it.each([
    [
      "no Stripe key and no LANTERN_TEST_MODE=demo",
      { NODE_ENV: "production", AUTH_SECRET: "x".repeat(44) },
      "Lantern cannot start: STRIPE_SECRET_KEY is required in production (or set LANTERN_TEST_MODE=demo to run a public demo on the Stripe emulator).",
    ],
    [
      "the dev mailbox switched on",
      { NODE_ENV: "production", LANTERN_TEST_MODE: "demo", AUTH_SECRET: "x".repeat(44), DEV_MAILBOX: "enabled" },
      "Lantern cannot start: DEV_MAILBOX cannot be enabled in production (anyone could read sign-in links; create the first admin's link with `npm run admin:link -- you@example.org`).",
    ],
    [
      "a demo without AUTH_SECRET",
      { NODE_ENV: "production", LANTERN_TEST_MODE: "demo", AUTH_SECRET: "" },
      "Lantern cannot start: AUTH_SECRET is required in production (generate one with `openssl rand -base64 32`).",
    ],
    [
      "a real key without its webhook secret",
      { NODE_ENV: "production", STRIPE_SECRET_KEY: "sk_live_1", APP_URL: "https://give.example.org", AUTH_SECRET: "x".repeat(44) },
      "Lantern cannot start: STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set (copy it from the Stripe dashboard or `stripe listen`).",
    ],
  ])("%s: one sentence, exit 1, before opening the database", async (_label, environment, sentence) => {
    const { outcome, errors, exitCode } = await start({ ...BASE, ...environment });
    expect(exitCode).toBe(1);
    expect(outcome).toContain("exit 1");
    expect(errors).toEqual([sentence]);
  });
});
