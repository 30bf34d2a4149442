import { createHash } from "node:crypto";
import { Auth, skipCSRFCheck } from "@auth/core";
import { eq } from "drizzle-orm";
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { auditEvents, sentEmails, sessions, users, verificationTokens } from "@/db/schema";
import type { Database } from "@/db/database";
import { isAdminEmail } from "@/lib/auth/admin-access";
import { listStaff, setStaffRole } from "@/lib/auth/admin-users";
import { authConfig, safeRedirect } from "@/lib/auth/auth-config";
import { deriveAuthUrl } from "@/lib/auth/auth-url";
import { linkOnAppOrigin, sendSignInLink } from "@/lib/auth/sign-in-link";
import { listDevMailbox } from "@/lib/email/dev-mailbox";
import { describeEachDatabase } from "../support/test-database";

// Work a request leaves for after its response (next/server's after()): kept here, run by runAfterResponse().
const { afterResponse } = vi.hoisted(() => ({ afterResponse: [] as (() => Promise<unknown> | unknown)[] }));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: () => Promise<unknown> | unknown) => void afterResponse.push(task),
}));
async function runAfterResponse(): Promise<void> {
  for (const task of afterResponse.splice(0)) await task();
}

// Read once by lib/env on first use, which happens inside the tests below.
const APP_URL = "https://give.example.org";
const SECRET = "test-secret-test-secret-test-secret-0123";
vi.stubEnv("APP_URL", APP_URL);
vi.stubEnv("ADMIN_EMAILS", "boss@example.org");
vi.stubEnv("AUTH_SECRET", SECRET);

/** Drives Auth.js itself (the same handler app/api/auth serves) against the test database. */
function authRequest(db: Database, path: string, init: { method?: string; body?: Record<string, string>; cookie?: string } = {}) {
  const headers = new Headers({ host: "give.example.org" });
  if (init.body) headers.set("content-type", "application/x-www-form-urlencoded");
  if (init.cookie) headers.set("cookie", init.cookie);
  const request = new Request(`${APP_URL}/api/auth/${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body ? new URLSearchParams(init.body).toString() : undefined,
  });
  return Auth(request, { ...authConfig(db), basePath: "/api/auth", skipCSRFCheck });
}

/** Asks for a link, then runs what the request left for after its response (the sending). */
async function askForLink(db: Database, email: string) {
  const response = await askForLinkWithinRequest(db, email);
  await runAfterResponse();
  return response;
}

function askForLinkWithinRequest(db: Database, email: string) {
  return authRequest(db, "signin/email", { method: "POST", body: { email, callbackUrl: `${APP_URL}/admin` } });
}

function sessionCookie(response: Response): string | null {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("__Secure-authjs.session-token=") || c.startsWith("authjs.session-token="));
  return cookie ? cookie.split(";")[0]! : null;
}

/** The ADMIN_EMAILS owner, as the actor of role changes. */
const BOSS = { id: "boss-user-id", email: "boss@example.org" };
const promote = (database: Database, email: string) => setStaffRole(database, BOSS, email, "owner");

describeEachDatabase("admin sign-in", (db) => {
  describe("who is an admin", () => {
    it("counts ADMIN_EMAILS (owners) and addresses given a role, case-insensitively", async () => {
      expect(await isAdminEmail(db(), "Boss@Example.org")).toBe(true);
      expect(await isAdminEmail(db(), "helper@example.org")).toBe(false);
      expect(await setStaffRole(db(), BOSS, " Helper@Example.org ", "editor")).toBe("set");
      expect(await isAdminEmail(db(), "helper@example.org")).toBe(true);
      expect(await listStaff(db())).toEqual([
        { email: "boss@example.org", role: "owner", source: "config", hasSignedIn: false },
        { email: "helper@example.org", role: "editor", source: "assigned", hasSignedIn: false },
      ]);
    });

    it("changes and removes roles given here only, never one's own or ADMIN_EMAILS", async () => {
      await promote(db(), "temp@example.org");
      const temp = { id: "temp-id", email: "temp@example.org" };
      expect(await setStaffRole(db(), temp, "boss@example.org", "viewer")).toBe("configured");
      expect(await setStaffRole(db(), temp, "Temp@example.org", null)).toBe("self");
      expect(await setStaffRole(db(), BOSS, "temp@example.org", "owner")).toBe("unchanged");
      expect(await setStaffRole(db(), BOSS, "temp@example.org", null)).toBe("removed");
      expect(await setStaffRole(db(), BOSS, "temp@example.org", null)).toBe("not-staff");
      expect(await isAdminEmail(db(), "temp@example.org")).toBe(false);
    });
  });

  describe("sending links", () => {
    it("emails an admin a link on APP_URL, whatever host the request named, and keeps no live token in the outbox", async () => {
      const url = "http://evil.example:8080/api/auth/callback/email?callbackUrl=%2Fadmin&token=abc123&email=boss%40example.org";
      expect(await sendSignInLink(db(), { identifier: "boss@example.org", url, token: "abc123" })).toBe(true);
      const [message] = await listDevMailbox(db(), { to: "boss@example.org" });
      expect(message?.html).toContain("https://give.example.org/api/auth/callback/email?callbackUrl=%2Fadmin&amp;token=abc123&amp;email=boss%40example.org");
      expect(message?.html).not.toContain("evil.example");
      const [outbox] = await db().select().from(sentEmails).where(eq(sentEmails.toAddress, "boss@example.org"));
      expect(outbox?.status).toBe("sent");
      expect(JSON.stringify(outbox?.props)).not.toContain("abc123");
      expect(outbox?.idempotencyKey).toBe(`sign-in:${createHash("sha256").update("abc123").digest("hex")}`);
    });

    it("sends nothing to anybody else", async () => {
      expect(await sendSignInLink(db(), { identifier: "stranger@example.org", url: `${APP_URL}/api/auth/callback/email?token=zzz`, token: "zzz" })).toBe(false);
      expect(await listDevMailbox(db(), { to: "stranger@example.org" })).toEqual([]);
      expect(await db().select().from(sentEmails).where(eq(sentEmails.toAddress, "stranger@example.org"))).toEqual([]);
    });

    it("rewrites only the origin of a link", () => {
      expect(linkOnAppOrigin("http://localhost:3000/api/auth/callback/email?token=t&email=a%40b.c", "https://give.example.org")).toBe(
        "https://give.example.org/api/auth/callback/email?token=t&email=a%40b.c",
      );
    });
  });

  describe("Auth.js flow", () => {
    beforeAll(async () => {
      await promote(db(), "flow-admin@example.org");
    });

    it("answers an admin and a stranger alike, and mails only the admin", async () => {
      const admin = await askForLink(db(), "Flow-Admin@example.org");
      const stranger = await askForLink(db(), "flow-stranger@example.org");
      expect(admin.status).toBe(302);
      expect(stranger.status).toBe(admin.status);
      expect(admin.headers.get("location")).toBe(`${APP_URL}/api/auth/verify-request?provider=email&type=email`);
      expect(stranger.headers.get("location")).toBe(admin.headers.get("location"));
      expect(await listDevMailbox(db(), { to: "flow-admin@example.org" })).toHaveLength(1);
      expect(await listDevMailbox(db(), { to: "flow-stranger@example.org" })).toHaveLength(0);
    });

    it("sends an admin's link after the response, never inside the request (its timing says nothing)", async () => {
      await promote(db(), "timing-admin@example.org");
      const admin = await askForLinkWithinRequest(db(), "timing-admin@example.org");
      expect(admin.status).toBe(302);
      // The request is answered with nothing sent or even queued: the same work as for a stranger.
      expect(await listDevMailbox(db(), { to: "timing-admin@example.org" })).toHaveLength(0);
      expect(await db().select().from(sentEmails).where(eq(sentEmails.toAddress, "timing-admin@example.org"))).toEqual([]);
      expect(afterResponse).toHaveLength(1);
      await runAfterResponse();
      expect(await listDevMailbox(db(), { to: "timing-admin@example.org" })).toHaveLength(1);
    });

    it("signs an admin in with the emailed link, once, into a database session", async () => {
      const [message] = await listDevMailbox(db(), { to: "flow-admin@example.org" });
      const link = new URL(/href="([^"]+callback\/email[^"]+)"/.exec(message!.html)![1]!.replace(/&amp;/g, "&"));
      const callback = await authRequest(db(), `callback/email${link.search}`);
      expect(callback.status).toBe(302);
      expect(callback.headers.get("location")).toBe(`${APP_URL}/admin`);
      const cookie = sessionCookie(callback);
      expect(cookie).toMatch(/^__Secure-authjs\.session-token=/); // APP_URL is https: secure cookies
      const session = await (await authRequest(db(), "session", { cookie: cookie! })).json();
      expect(session.user).toEqual({ id: expect.any(String), email: "flow-admin@example.org", name: null, role: "owner", isAdmin: true });
      // The sign-in is in the audit log, once, by that user.
      const signIns = await db().select().from(auditEvents).where(eq(auditEvents.kind, "staff.sign-in"));
      expect(signIns.filter((row) => row.actorEmail === "flow-admin@example.org")).toHaveLength(1);
      expect(signIns.find((row) => row.actorEmail === "flow-admin@example.org")?.actorUserId).toBe(session.user.id);
      expect(JSON.stringify(session)).not.toContain(cookie!.split("=")[1]); // the token never reaches page JavaScript

      const again = await authRequest(db(), `callback/email${link.search}`);
      expect(again.headers.get("location")).toBe(`${APP_URL}/sign-in/error?error=Verification`);
      expect(sessionCookie(again)).toBeNull();
    });

    it("gives nobody else a session, even holding a valid token", async () => {
      // A token for a non-admin is never emailed; suppose one leaked anyway.
      const token = "leaked-token";
      await db()
        .insert(verificationTokens)
        .values({
          identifier: "flow-stranger@example.org",
          token: createHash("sha256").update(`${token}${SECRET}`).digest("hex"),
          expires: new Date(Date.now() + 60_000),
        });
      const before = await db().select().from(sessions);
      const callback = await authRequest(
        db(),
        `callback/email?${new URLSearchParams({ token, email: "flow-stranger@example.org", callbackUrl: `${APP_URL}/admin` })}`,
      );
      expect(callback.headers.get("location")).toBe(`${APP_URL}/sign-in/error?error=AccessDenied`);
      expect(sessionCookie(callback)).toBeNull();
      expect(await db().select().from(sessions)).toHaveLength(before.length);
      expect(await db().select().from(users).where(eq(users.email, "flow-stranger@example.org"))).toEqual([]);
    });

    it("follows a role change at once, and stops granting admin the moment access is removed", async () => {
      await promote(db(), "short-lived@example.org");
      await askForLink(db(), "short-lived@example.org");
      const [message] = await listDevMailbox(db(), { to: "short-lived@example.org" });
      const link = new URL(/href="([^"]+callback\/email[^"]+)"/.exec(message!.html)![1]!.replace(/&amp;/g, "&"));
      const cookie = sessionCookie(await authRequest(db(), `callback/email${link.search}`))!;
      expect((await (await authRequest(db(), "session", { cookie })).json()).user).toMatchObject({ role: "owner", isAdmin: true });
      await setStaffRole(db(), BOSS, "short-lived@example.org", "viewer");
      expect((await (await authRequest(db(), "session", { cookie })).json()).user).toMatchObject({ role: "viewer", isAdmin: true });
      await setStaffRole(db(), BOSS, "short-lived@example.org", null);
      expect((await (await authRequest(db(), "session", { cookie })).json()).user).toMatchObject({ role: null, isAdmin: false });
    });
  });

  it("redirects only within the site", () => {
    expect(safeRedirect("/admin/gifts", APP_URL)).toBe(`${APP_URL}/admin/gifts`);
    expect(safeRedirect(`${APP_URL}/admin`, APP_URL)).toBe(`${APP_URL}/admin`);
    expect(safeRedirect("https://evil.example/admin", APP_URL)).toBe(`${APP_URL}/admin`);
    expect(safeRedirect("//evil.example/admin", APP_URL)).toBe(`${APP_URL}/admin`);
    // The URL parser drops tabs and newlines: "/\t/evil.example" would become "//evil.example".
    expect(safeRedirect("/\t/evil.example", APP_URL)).toBe(`${APP_URL}/admin`);
    expect(safeRedirect("/\n/evil.example", APP_URL)).toBe(`${APP_URL}/admin`);
    expect(safeRedirect("/\\evil.example", APP_URL)).toBe(`${APP_URL}/admin`);
  });

  it("sends Auth.js error redirects to APP_URL, whatever AUTH_URL the shell had", async () => {
    vi.stubEnv("AUTH_URL", "http://localhost:3000");
    try {
      deriveAuthUrl();
      const { handlers } = NextAuth(authConfig(db()));
      const forged = new NextRequest("http://localhost:3000/api/auth/callback/email?token=forged&email=boss%40example.org");
      const response = await handlers.GET(forged);
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toMatch(new RegExp(`^${APP_URL}/sign-in/error\\?error=`));
    } finally {
      vi.stubEnv("AUTH_URL", undefined);
    }
  });
});
