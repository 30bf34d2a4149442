import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Auth, skipCSRFCheck } from "@auth/core";
import { eq } from "drizzle-orm";
import { describe, expect, inject, it, vi } from "vitest";
import { verificationTokens } from "@/db/schema";
import type { Database } from "@/db/database";
import { openPglite } from "@/db/open";
import { AdminLinkRefusedError, createAdminSignInLink } from "@/lib/auth/admin-sign-in-link";
import { authConfig } from "@/lib/auth/auth-config";
import { describeEachDatabase } from "../support/test-database";

// Read once by lib/env on first use, inside the tests below.
const APP_URL = "https://give.example.org";
const SECRET = `admin-link-${"s".repeat(40)}`;
vi.stubEnv("APP_URL", APP_URL);
vi.stubEnv("ADMIN_EMAILS", "first@example.org");
vi.stubEnv("AUTH_SECRET", SECRET);

function callback(db: Database, search: string) {
  const request = new Request(`${APP_URL}/api/auth/callback/email${search}`, { headers: { host: "give.example.org" } });
  return Auth(request, { ...authConfig(db), basePath: "/api/auth", skipCSRFCheck });
}

const sessionCookie = (response: Response) => response.headers.getSetCookie().find((cookie) => cookie.startsWith("__Secure-authjs.session-token=")) ?? null;

describeEachDatabase("first admin without email (npm run admin:link)", (db) => {
  it("makes a single-use Auth.js magic link for an address in ADMIN_EMAILS, in the same token store", async () => {
    const { url, expires } = await createAdminSignInLink(db(), " First@Example.org ");
    const link = new URL(url);
    expect(`${link.origin}${link.pathname}`).toBe(`${APP_URL}/api/auth/callback/email`);
    expect(link.searchParams.get("email")).toBe("first@example.org");
    expect(link.searchParams.get("callbackUrl")).toBe(`${APP_URL}/admin`);
    expect(expires.getTime()).toBeGreaterThan(Date.now());
    // Stored hashed, as Auth.js stores its own tokens: the link itself is not in the database.
    const token = link.searchParams.get("token")!;
    const [row] = await db().select().from(verificationTokens).where(eq(verificationTokens.identifier, "first@example.org"));
    expect(row?.token).toBe(createHash("sha256").update(`${token}${SECRET}`).digest("hex"));

    const used = await callback(db(), link.search);
    expect(used.status).toBe(302);
    expect(used.headers.get("location")).toBe(`${APP_URL}/admin`);
    expect(sessionCookie(used)).toBeTruthy();

    const again = await callback(db(), link.search);
    expect(again.headers.get("location")).toBe(`${APP_URL}/sign-in/error?error=Verification`);
    expect(sessionCookie(again)).toBeNull();
  });

  it.each(["stranger@example.org", "", "first@example.org.evil.example"])("refuses %j and stores nothing", async (email) => {
    const before = await db().select().from(verificationTokens);
    await expect(createAdminSignInLink(db(), email)).rejects.toThrow(AdminLinkRefusedError);
    await expect(createAdminSignInLink(db(), email)).rejects.toThrow("is not in ADMIN_EMAILS");
    expect(await db().select().from(verificationTokens)).toHaveLength(before.length);
  });
});

describe("npm run admin:link", () => {
  const run = promisify(execFile);
  const command = (dataDir: string, ...args: string[]) =>
    run("node_modules/.bin/tsx", ["--tsconfig", "tsconfig.scripts.json", "scripts/admin-link.ts", ...args], {
      // as package.json runs it
      encoding: "utf8",
      env: {
        ...process.env,
        NODE_ENV: "development",
        LANTERN_DATA_DIR: dataDir,
        DATABASE_URL: "",
        AUTH_SECRET: "",
        ADMIN_EMAILS: "first@example.org",
        APP_URL: "http://127.0.0.1:4205",
      },
    });

  // An installation that has run: its database migrated and seeded (a copy of the run's template,
  // as the app's first start leaves it), so the command is timed opening it, not migrating it.
  const installation = () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "admin-link-"));
    fs.cpSync(inject("databaseTemplates").pglite.seeded, path.join(dataDir, "pglite"), { recursive: true });
    return dataDir;
  };

  it("refuses an address that is not in ADMIN_EMAILS", async () => {
    const dataDir = installation();
    try {
      const failure = await command(dataDir, "someone@example.org").then(
        () => null,
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain("someone@example.org is not in ADMIN_EMAILS");
      expect(failure?.stdout).not.toContain("http");
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("prints a link whose token is in the installation's database, hashed with its auth secret", async () => {
    const dataDir = installation();
    try {
      const { stdout } = await command(dataDir, "first@example.org");
      const url = new URL(/^http\S+$/m.exec(stdout)![0]);
      expect(url.origin).toBe("http://127.0.0.1:4205");
      const token = url.searchParams.get("token")!;
      const secret = fs.readFileSync(path.join(dataDir, "auth-secret"), "utf8").trim();
      const open = await openPglite(path.join(dataDir, "pglite"));
      try {
        const rows = await open.db.select().from(verificationTokens);
        expect(rows).toEqual([
          expect.objectContaining({ identifier: "first@example.org", token: createHash("sha256").update(`${token}${secret}`).digest("hex") }),
        ]);
      } finally {
        await open.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
