import { execFile } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { localAuthSecret } from "@/lib/auth/auth-secret";
import { parseEnv } from "@/lib/env";

const folders: string[] = [];
function tempFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-secret-"));
  folders.push(folder);
  return path.join(folder, "data");
}

afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

describe("local auth secret", () => {
  it("is generated once into the data folder, private, and stable across restarts", () => {
    const dataDir = tempFolder();
    const first = localAuthSecret(dataDir);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(localAuthSecret(dataDir)).toBe(first);
    const file = path.join(dataDir, "auth-secret");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dataDir)).toEqual(["auth-secret"]); // no temporary files left behind
  });

  it("is the same for processes starting together", async () => {
    const dataDir = tempFolder();
    const run = promisify(execFile);
    // server-only resolves to its empty build under the react-server condition, as in Next.
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        run("node", ["--conditions=react-server", "--import", "tsx", "tests/support/print-auth-secret.ts", dataDir], { encoding: "utf8" }),
      ),
    );
    for (const result of results) expect(result.stderr).toBe("");
    expect(new Set(results.map((result) => result.stdout)).size).toBe(1);
    expect(results[0]?.stdout).toBe(localAuthSecret(dataDir));
  });

  it("is required in production, with a Stripe key or as a demo, over https with a real key", () => {
    const production = {
      NODE_ENV: "production",
      STRIPE_SECRET_KEY: "sk_live_x",
      STRIPE_WEBHOOK_SECRET: "whsec_x",
      APP_URL: "https://give.example.org",
      ORG_REGISTRATION_NUMBER: "EIN 12-3456789",
      ORG_TAX_STATEMENT: "EIN 12-3456789. No goods or services were provided.",
      ORG_CONTACT_EMAIL: "giving@lantern-rights.org",
      ORG_ADDRESS: "PO Box 2026; Washington, DC 20001; United States",
    };
    expect(() => parseEnv(production)).toThrow("AUTH_SECRET is required in production");
    expect(parseEnv({ ...production, AUTH_SECRET: "x".repeat(32) }).AUTH_SECRET).toHaveLength(32);
    // secure cookies need https
    expect(() => parseEnv({ ...production, AUTH_SECRET: "x".repeat(32), APP_URL: "http://give.example.org" })).toThrow(
      "APP_URL must be an https:// URL in production",
    );
    // a public demo on the emulator needs one too; only development generates one
    expect(() => parseEnv({ NODE_ENV: "production", LANTERN_TEST_MODE: "demo" })).toThrow("AUTH_SECRET is required in production");
    expect(parseEnv({}).AUTH_SECRET).toBeUndefined();
  });
});
