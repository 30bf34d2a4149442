import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

/** The fixed values this repository used to sign with; nothing may accept them any more. */
const OLD_PUBLIC_WEBHOOK_SECRET = "whsec_lantern_test_mode_not_secret";
const OLD_PUBLIC_LINK_SECRET = "lantern_test_mode_link_secret_not_secret";

let dataDir: string;
beforeEach(() => {
  vi.resetModules();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-secrets-"));
  vi.stubEnv("NODE_ENV", "development");
  vi.stubEnv("LANTERN_DATA_DIR", dataDir);
  for (const name of ["AUTH_SECRET", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "APP_URL", "LANTERN_TEST_MODE", "DEV_MAILBOX", "RESEND_API_KEY"])
    vi.stubEnv(name, "");
});
afterEach(() => {
  vi.unstubAllEnvs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("no secret from the repository signs anything", () => {
  it("development generates the link, manage-token and webhook secrets once per installation, privately", async () => {
    const secrets = await import("@/lib/env/secrets");
    const link = secrets.linkSigningSecret();
    const manage = secrets.manageTokenSecret();
    const webhook = secrets.stripeWebhookSecret();
    const emulatorKey = secrets.stripeEmulatorApiKey();
    expect(link.length).toBeGreaterThanOrEqual(43);
    expect(webhook).toMatch(/^whsec_.{40,}$/);
    expect(emulatorKey).toMatch(/^sk_test_[0-9a-f]{48}$/);
    expect([link, manage, webhook]).not.toContain(OLD_PUBLIC_WEBHOOK_SECRET);
    expect([link, manage, webhook]).not.toContain(OLD_PUBLIC_LINK_SECRET);
    for (const file of ["auth-secret", "stripe-webhook-secret", "stripe-emulator-key"]) {
      expect(fs.statSync(path.join(dataDir, file)).mode & 0o777).toBe(0o600);
    }
    // Stable across restarts (a new process reads the same files)…
    vi.resetModules();
    const again = await import("@/lib/env/secrets");
    expect([again.linkSigningSecret(), again.stripeWebhookSecret(), again.stripeEmulatorApiKey()]).toEqual([link, webhook, emulatorKey]);
    // …and different for another installation.
    const other = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-secrets-"));
    try {
      vi.stubEnv("LANTERN_DATA_DIR", other);
      vi.resetModules();
      const elsewhere = await import("@/lib/env/secrets");
      expect(elsewhere.linkSigningSecret()).not.toBe(link);
      expect(elsewhere.stripeWebhookSecret()).not.toBe(webhook);
      expect(elsewhere.stripeEmulatorApiKey()).not.toBe(emulatorKey);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it("production takes them from the environment and generates nothing", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("STRIPE_SECRET_KEY", "sk_live_123");
    vi.stubEnv("STRIPE_WEBHOOK_SECRET", "whsec_from_the_dashboard");
    vi.stubEnv("APP_URL", "https://give.example.org");
    vi.stubEnv("AUTH_SECRET", "z".repeat(44));
    vi.stubEnv("ORG_REGISTRATION_NUMBER", "EIN 12-3456789");
    vi.stubEnv("ORG_TAX_STATEMENT", "EIN 12-3456789. No goods or services were provided.");
    vi.stubEnv("ORG_CONTACT_EMAIL", "giving@lantern-rights.org");
    vi.stubEnv("ORG_ADDRESS", "PO Box 2026; Washington, DC 20001; United States");
    const secrets = await import("@/lib/env/secrets");
    expect(secrets.linkSigningSecret()).toBe("z".repeat(44));
    expect(secrets.manageTokenSecret()).toBe("z".repeat(44));
    expect(secrets.stripeWebhookSecret()).toBe("whsec_from_the_dashboard");
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it("a manage link forged with the old public secret opens nothing", async () => {
    const { manageToken, verifyManageToken } = await import("@/lib/payments/manage-link");
    expect(verifyManageToken(manageToken("cus_VICTIM123", OLD_PUBLIC_WEBHOOK_SECRET))).toBeNull();
    expect(verifyManageToken(manageToken("cus_VICTIM123", OLD_PUBLIC_LINK_SECRET))).toBeNull();
    expect(verifyManageToken(manageToken("cus_VICTIM123"))).toBe("cus_VICTIM123");
  });

  it("the source has no fixed signing secret left", () => {
    // git grep over tracked source (tests excluded: this file names the old values to refuse them).
    const run = (pattern: string) => {
      try {
        return execFileSync(
          "git",
          ["grep", "-n", "-I", "-E", pattern, "--", "app", "lib", "db", "emails", "packages", "playwright.config.ts", ".env.example"],
          { encoding: "utf8" },
        );
      } catch (error) {
        if ((error as { status?: number }).status === 1) return ""; // no match
        throw error;
      }
    };
    expect(run("not_secret|whsec_lantern|TEST_MODE_(WEBHOOK|LINK)_SECRET|sk_test_lantern_emulator")).toBe("");
  });
});
