import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

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

  it("requires AUTH_SECRET in production once real email goes out (it signs unsubscribe links)", () => {
    expect(() => parseEnv({ NODE_ENV: "production", RESEND_API_KEY: "re_123" })).toThrow("AUTH_SECRET is required in production when RESEND_API_KEY is set");
    expect(parseEnv({ NODE_ENV: "production", RESEND_API_KEY: "re_123", AUTH_SECRET: "s3cret" }).AUTH_SECRET).toBe("s3cret");
    expect(parseEnv({ NODE_ENV: "development", RESEND_API_KEY: "re_123" }).RESEND_API_KEY).toBe("re_123");
  });
});
