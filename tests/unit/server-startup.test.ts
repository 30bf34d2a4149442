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

const BASE = {
  NEXT_PHASE: "",
  DATABASE_URL: "",
  STRIPE_SECRET_KEY: "",
  STRIPE_WEBHOOK_SECRET: "",
  RESEND_API_KEY: "",
  APP_URL: "",
  DEV_MAILBOX: "",
  LANTERN_TEST_MODE: "",
  ORG_REGISTRATION_NUMBER: "",
  ORG_TAX_STATEMENT: "",
  ORG_CONTACT_EMAIL: "",
  ORG_ADDRESS: "",
  EMAIL_FROM: "",
};
/** A real organisation's settings: with a real Stripe key, the placeholders are refused. */
const ORG = {
  ORG_REGISTRATION_NUMBER: "EIN 12-3456789",
  ORG_TAX_STATEMENT:
    "Lantern for Human Rights is a registered 501(c)(3) nonprofit (EIN 12-3456789). No goods or services were provided in exchange for your gift.",
  ORG_CONTACT_EMAIL: "giving@lantern-rights.org",
  ORG_ADDRESS: "PO Box 2026; Washington, DC 20001; United States",
};
const LIVE = {
  NODE_ENV: "production",
  STRIPE_SECRET_KEY: "sk_live_1",
  STRIPE_WEBHOOK_SECRET: "whsec_1",
  APP_URL: "https://give.example.org",
  AUTH_SECRET: "x".repeat(44),
  ...ORG,
};

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
      { NODE_ENV: "production", STRIPE_SECRET_KEY: "sk_live_1", APP_URL: "https://give.example.org", AUTH_SECRET: "x".repeat(44), ...ORG },
      "Lantern cannot start: STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set (copy it from the Stripe dashboard or `stripe listen`).",
    ],
    [
      "the placeholder tax statement on receipts",
      { ...LIVE, ORG_TAX_STATEMENT: "" },
      "Lantern cannot start: ORG_TAX_STATEMENT is still the placeholder (EIN 00-0000000): set the tax wording printed on every receipt.",
    ],
    [
      "the placeholder registration number",
      { ...LIVE, ORG_REGISTRATION_NUMBER: "EIN 00-0000000" },
      "Lantern cannot start: ORG_REGISTRATION_NUMBER is still the placeholder (EIN 00-0000000): set the organisation's registration or tax number.",
    ],
    [
      "the placeholder contact address",
      { ...LIVE, ORG_CONTACT_EMAIL: "" },
      "Lantern cannot start: ORG_CONTACT_EMAIL is still a placeholder (giving@lantern.example): set the address donors can write to.",
    ],
  ])("%s: one sentence, exit 1, before opening the database", async (_label, environment, sentence) => {
    const { outcome, errors, exitCode } = await start({ ...BASE, ...environment });
    expect(exitCode).toBe(1);
    expect(outcome).toContain("exit 1");
    expect(errors).toEqual([sentence]);
  });
});
