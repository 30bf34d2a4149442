import { describe, expect, it } from "vitest";
import { BUILD_TIME_APP_URL, parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("runs with nothing set: embedded database, test-mode Stripe, dev mailbox", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.STRIPE_SECRET_KEY).toBeUndefined();
    expect(env.LANTERN_DATA_DIR).toBe(".data");
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.ADMIN_EMAILS).toEqual([]);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", STRIPE_SECRET_KEY: "" }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    ["mysql://root@localhost/db", "DATABASE_URL must be a PostgreSQL URL"],
    ["not a url", "DATABASE_URL must be a PostgreSQL URL"],
  ])("rejects DATABASE_URL=%s with one sentence naming it", (value, message) => {
    expect(() => parseEnv({ DATABASE_URL: value })).toThrow(message);
    expect(() => parseEnv({ DATABASE_URL: value })).toThrow(/^Lantern cannot start: /);
  });

  it("accepts postgres:// and postgresql:// URLs", () => {
    expect(parseEnv({ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test" }).DATABASE_URL).toContain("127.0.0.1");
    expect(parseEnv({ DATABASE_URL: "postgresql://u:p@db.example.org/x" }).DATABASE_URL).toContain("db.example.org");
  });

  it("requires the webhook secret with a real Stripe key", () => {
    expect(() => parseEnv({ STRIPE_SECRET_KEY: "sk_test_123" })).toThrow("STRIPE_WEBHOOK_SECRET is required");
    expect(parseEnv({ STRIPE_SECRET_KEY: "sk_test_123", STRIPE_WEBHOOK_SECRET: "whsec_1" }).STRIPE_SECRET_KEY).toBe("sk_test_123");
  });

  it("keeps images in the database by default; IMAGE_STORE=s3 needs a bucket, and S3 keys come in pairs", () => {
    expect(parseEnv({}).IMAGE_STORE).toBe("database");
    expect(() => parseEnv({ IMAGE_STORE: "s3" })).toThrow("S3_BUCKET is required when IMAGE_STORE=s3");
    expect(() => parseEnv({ IMAGE_STORE: "disk" })).toThrow("IMAGE_STORE must be `database` or `s3`");
    expect(() => parseEnv({ IMAGE_STORE: "s3", S3_BUCKET: "b", S3_ACCESS_KEY_ID: "AKIA" })).toThrow(
      "S3_SECRET_ACCESS_KEY must be set together with the other S3 key",
    );
    const s3 = parseEnv({ IMAGE_STORE: "s3", S3_BUCKET: "lantern-images", S3_ENDPOINT: "http://127.0.0.1:4568", S3_FORCE_PATH_STYLE: "true" });
    expect([s3.S3_BUCKET, s3.S3_REGION, s3.S3_FORCE_PATH_STYLE]).toEqual(["lantern-images", "us-east-1", "true"]);
  });

  it("parses ADMIN_EMAILS as a lower-cased list and rejects a bad address", () => {
    expect(parseEnv({ ADMIN_EMAILS: " Ada@Example.org, bob@example.org " }).ADMIN_EMAILS).toEqual(["ada@example.org", "bob@example.org"]);
    expect(() => parseEnv({ ADMIN_EMAILS: "ada@example.org, nope" })).toThrow("ADMIN_EMAILS");
  });

  it("reads the confirmation link lifetime in hours, 48 by default", () => {
    expect(parseEnv({}).SUBSCRIBE_CONFIRMATION_TTL_HOURS).toBe(48);
    expect(parseEnv({ SUBSCRIBE_CONFIRMATION_TTL_HOURS: "24" }).SUBSCRIBE_CONFIRMATION_TTL_HOURS).toBe(24);
    expect(parseEnv({ SUBSCRIBE_CONFIRMATION_TTL_HOURS: "0.5" }).SUBSCRIBE_CONFIRMATION_TTL_HOURS).toBe(0.5);
    expect(() => parseEnv({ SUBSCRIBE_CONFIRMATION_TTL_HOURS: "0" })).toThrow("SUBSCRIBE_CONFIRMATION_TTL_HOURS must be a positive number of hours");
    expect(() => parseEnv({ SUBSCRIBE_CONFIRMATION_TTL_HOURS: "two days" })).toThrow("SUBSCRIBE_CONFIRMATION_TTL_HOURS");
    expect(() => parseEnv({ SUBSCRIBE_CONFIRMATION_TTL_HOURS: "1000" })).toThrow("at most 720 hours");
  });

  it("requires AUTH_SECRET in production (it signs sessions, sign-in, unsubscribe and manage links)", () => {
    const secret = "a".repeat(32);
    expect(() => parseEnv({ ...LIVE, AUTH_SECRET: "" })).toThrow("AUTH_SECRET is required in production");
    expect(() => parseEnv({ ...DEMO, AUTH_SECRET: "" })).toThrow("AUTH_SECRET is required in production");
    expect(() => parseEnv({ ...LIVE, AUTH_SECRET: "s3cret" })).toThrow("AUTH_SECRET must be at least 32 characters in production");
    expect(parseEnv({ ...LIVE, AUTH_SECRET: secret, RESEND_API_KEY: "re_123" }).AUTH_SECRET).toBe(secret);
    expect(parseEnv({ NODE_ENV: "development", RESEND_API_KEY: "re_123" }).RESEND_API_KEY).toBe("re_123");
  });
});

/** Who we are, as a real organisation would set it (placeholders are refused with a real key). */
const ORG = {
  ORG_REGISTRATION_NUMBER: "EIN 12-3456789",
  ORG_TAX_STATEMENT:
    "Lantern for Human Rights is a registered 501(c)(3) nonprofit (EIN 12-3456789). No goods or services were provided in exchange for your gift.",
  ORG_CONTACT_EMAIL: "giving@lantern-rights.org",
  ORG_ADDRESS: "PO Box 2026; Washington, DC 20001; United States",
  EMAIL_FROM: "Lantern for Human Rights <giving@lantern-rights.org>",
};
const LIVE = {
  NODE_ENV: "production",
  STRIPE_SECRET_KEY: "sk_live_123",
  STRIPE_WEBHOOK_SECRET: "whsec_123",
  APP_URL: "https://give.example.org",
  AUTH_SECRET: "x".repeat(44),
  ...ORG,
};
const DEMO = { NODE_ENV: "production", LANTERN_TEST_MODE: "demo", AUTH_SECRET: "y".repeat(44) };

describe("test mode only on purpose", () => {
  it("development runs on the emulator with nothing set", () => {
    expect(parseEnv({ NODE_ENV: "development" }).STRIPE_SECRET_KEY).toBeUndefined();
  });

  it("refuses to start in production without a Stripe key, in one sentence naming the way out", () => {
    const attempt = () => parseEnv({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(44) });
    expect(attempt).toThrow(
      "Lantern cannot start: STRIPE_SECRET_KEY is required in production (or set LANTERN_TEST_MODE=demo to run a public demo on the Stripe emulator).",
    );
  });

  it("lets `next build` run without production secrets (the server checks them when it starts)", () => {
    expect(parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" }).STRIPE_SECRET_KEY).toBeUndefined();
  });

  it("reads none of the settings pages show while `next build` runs (one build serves any organisation), only where the data is", () => {
    const settings = {
      APP_URL: "https://give.example.org",
      ORG_NAME: "Built Org",
      ORG_LEGAL_NAME: "Built Org Inc.",
      ORG_REGISTRATION_NUMBER: "EIN 12-3456789",
      ORG_TAX_STATEMENT: "Built tax words.",
      ORG_ADDRESS: "1 Built Road",
      ORG_CONTACT_EMAIL: "built@built-org.org",
      ORG_MISSION: "Built mission.",
      STRIPE_SECRET_KEY: "sk_live_1",
      STRIPE_WEBHOOK_SECRET: "whsec_1",
      DONATION_MAX_AMOUNT: "777",
    };
    const build = parseEnv({
      NODE_ENV: "production",
      NEXT_PHASE: "phase-production-build",
      DATABASE_URL: "postgres://db.internal/lantern",
      LANTERN_DATA_DIR: "/srv/data",
      ...settings,
    });
    expect(build.APP_URL).toBe(BUILD_TIME_APP_URL);
    expect(build.ORG_NAME).toBe(parseEnv({}).ORG_NAME);
    for (const name of Object.keys(settings)) expect(JSON.stringify(build)).not.toContain(settings[name as keyof typeof settings]);
    expect(build.DATABASE_URL).toBe("postgres://db.internal/lantern");
    expect(build.LANTERN_DATA_DIR).toBe("/srv/data");
    // The server started from that build reads them all.
    const server = parseEnv({ NODE_ENV: "production", LANTERN_TEST_MODE: "", AUTH_SECRET: "a".repeat(32), ...settings });
    expect([server.APP_URL, server.ORG_NAME, server.DONATION_MAX_AMOUNT]).toEqual(["https://give.example.org", "Built Org", 777]);
  });

  it("runs a production build on the emulator only with LANTERN_TEST_MODE=demo", () => {
    const demo = parseEnv(DEMO);
    expect(demo.LANTERN_TEST_MODE).toBe("demo");
    expect(demo.STRIPE_SECRET_KEY).toBeUndefined();
    expect(() => parseEnv({ ...DEMO, LANTERN_TEST_MODE: "yes" })).toThrow("LANTERN_TEST_MODE must be `demo` or unset");
    expect(() => parseEnv({ ...LIVE, LANTERN_TEST_MODE: "demo" })).toThrow("LANTERN_TEST_MODE cannot be combined with STRIPE_SECRET_KEY");
    expect(parseEnv(LIVE).STRIPE_SECRET_KEY).toBe("sk_live_123");
  });

  it("refuses DEV_MAILBOX=enabled in production, demo included, and points to npm run admin:link", () => {
    for (const base of [LIVE, DEMO]) {
      expect(() => parseEnv({ ...base, DEV_MAILBOX: "enabled" })).toThrow(/DEV_MAILBOX cannot be enabled in production .*npm run admin:link/);
    }
    expect(parseEnv({ ...DEMO, DEV_MAILBOX: "disabled" }).DEV_MAILBOX).toBe("disabled");
    expect(parseEnv({ DEV_MAILBOX: "enabled" }).DEV_MAILBOX).toBe("enabled");
  });

  it("needs an https APP_URL in production with a real key", () => {
    expect(() => parseEnv({ ...LIVE, APP_URL: "" })).toThrow("APP_URL is required in production");
    expect(() => parseEnv({ ...LIVE, APP_URL: "http://give.example.org" })).toThrow("APP_URL must be an https:// URL in production");
  });
});

describe("APP_URL unset: the address the server listens on", () => {
  it("takes the port Next's CLI recorded once listening (next dev -p / next start -p / PORT)", () => {
    expect(parseEnv({ PORT: "4100" }).APP_URL).toBe("http://localhost:4100");
    expect(parseEnv({ PORT: "4100", __NEXT_PRIVATE_ORIGIN: "http://127.0.0.1:4100" }).APP_URL).toBe("http://127.0.0.1:4100");
    expect(parseEnv({ PORT: "4100" }).APP_URL_CONFIGURED).toBe(false);
    expect(parseEnv({}).APP_URL).toBe("http://localhost:3000");
    expect(parseEnv({ PORT: "not a port" }).APP_URL).toBe("http://localhost:3000");
  });

  it("never overrides a configured APP_URL", () => {
    const configured = parseEnv({ APP_URL: "https://give.example.org", PORT: "4100", __NEXT_PRIVATE_ORIGIN: "http://localhost:4100" });
    expect(configured.APP_URL).toBe("https://give.example.org");
    expect(configured.APP_URL_CONFIGURED).toBe(true);
  });
});

describe("who we are (ORG_* settings)", () => {
  it("has working defaults for development, tests and a demo", () => {
    for (const environment of [{}, { NODE_ENV: "test" }, DEMO]) {
      const parsed = parseEnv(environment);
      expect(parsed.ORG_CONTACT_EMAIL).toBe("giving@lantern.example");
      expect(parsed.ORG_REGISTRATION_NUMBER).toBe("EIN 00-0000000");
      expect(parsed.ORG_TAX_STATEMENT).toContain("EIN 00-0000000");
      expect(parsed.ORG_ADDRESS.length).toBeGreaterThan(0);
    }
  });

  it("reads the address as lines separated by semicolons, and the legal name apart from the name", () => {
    const parsed = parseEnv({
      ORG_NAME: "Lantern",
      ORG_LEGAL_NAME: "Lantern for Human Rights, Inc.",
      ORG_ADDRESS: " PO Box 12 ;Washington, DC 20001; ; United States ",
    });
    expect(parsed.ORG_ADDRESS).toEqual(["PO Box 12", "Washington, DC 20001", "United States"]);
    expect(parsed.ORG_LEGAL_NAME).toBe("Lantern for Human Rights, Inc.");
    expect(parseEnv({}).ORG_LEGAL_NAME).toBeUndefined();
  });

  it("refuses a contact that is not an email address, or an overlong mission, naming the variable", () => {
    expect(() => parseEnv({ ORG_CONTACT_EMAIL: "write to us" })).toThrow(
      "Lantern cannot start: ORG_CONTACT_EMAIL must be an email address such as giving@example.org.",
    );
    expect(() => parseEnv({ ORG_MISSION: "x".repeat(501) })).toThrow("ORG_MISSION must be at most 500 characters");
  });

  it.each([
    [
      "ORG_TAX_STATEMENT",
      { ORG_TAX_STATEMENT: "" },
      "Lantern cannot start: ORG_TAX_STATEMENT is still the placeholder (EIN 00-0000000): set the tax wording printed on every receipt.",
    ],
    [
      "ORG_REGISTRATION_NUMBER",
      { ORG_REGISTRATION_NUMBER: "" },
      "Lantern cannot start: ORG_REGISTRATION_NUMBER is still the placeholder (EIN 00-0000000): set the organisation's registration or tax number.",
    ],
    [
      "ORG_CONTACT_EMAIL",
      { ORG_CONTACT_EMAIL: "" },
      "Lantern cannot start: ORG_CONTACT_EMAIL is still a placeholder (giving@lantern.example): set the address donors can write to.",
    ],
    [
      "ORG_CONTACT_EMAIL",
      { ORG_CONTACT_EMAIL: "info@example.org" },
      "Lantern cannot start: ORG_CONTACT_EMAIL is still a placeholder (info@example.org): set the address donors can write to.",
    ],
    [
      "ORG_ADDRESS",
      { ORG_ADDRESS: "" },
      "Lantern cannot start: ORG_ADDRESS is still the placeholder (1 Example Street; Springfield, ST 00000; United States): set the postal address printed on receipts.",
    ],
    [
      "EMAIL_FROM",
      { RESEND_API_KEY: "re_123", EMAIL_FROM: "" },
      'Lantern cannot start: EMAIL_FROM is still a placeholder (Lantern <giving@lantern.example>): set a sender on a domain verified in Resend, such as "Lantern <giving@your-domain.org>".',
    ],
    [
      "EMAIL_FROM",
      { RESEND_API_KEY: "re_123", EMAIL_FROM: "news@example.com" },
      'Lantern cannot start: EMAIL_FROM is still a placeholder (news@example.com): set a sender on a domain verified in Resend, such as "Lantern <giving@your-domain.org>".',
    ],
  ])("refuses the placeholder %s in production with a real Stripe key, in one sentence", (_name, change, sentence) => {
    expect(() => parseEnv({ ...LIVE, ...change })).toThrow(sentence);
  });

  it("accepts the placeholders in a demo, in development and during `next build`", () => {
    expect(parseEnv(DEMO).ORG_CONTACT_EMAIL).toBe("giving@lantern.example");
    expect(parseEnv({ NODE_ENV: "development", STRIPE_SECRET_KEY: "sk_test_1", STRIPE_WEBHOOK_SECRET: "whsec_1" }).ORG_REGISTRATION_NUMBER).toBe(
      "EIN 00-0000000",
    );
    expect(
      parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build", STRIPE_SECRET_KEY: "sk_live_1", STRIPE_WEBHOOK_SECRET: "whsec_1" })
        .ORG_TAX_STATEMENT,
    ).toContain("00-0000000");
    expect(parseEnv(LIVE).ORG_CONTACT_EMAIL).toBe("giving@lantern-rights.org");
  });
});
