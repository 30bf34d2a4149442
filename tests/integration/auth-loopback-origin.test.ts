/**
 * Issue 23, finding 9: with a loopback APP_URL (http://127.0.0.1:…), Auth.js's error redirects
 * went to http://localhost:… (Next renames loopback hosts in NextRequest), another origin.
 */
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { expect, it, vi } from "vitest";
import { onAppOrigin, redirectOnAppOrigin } from "@/lib/auth/app-origin-redirect";
import { authConfig } from "@/lib/auth/auth-config";
import { deriveAuthUrl } from "@/lib/auth/auth-url";
import { describeEachDatabase } from "../support/test-database";

const APP_URL = "http://127.0.0.1:4107";
vi.stubEnv("APP_URL", APP_URL);
vi.stubEnv("AUTH_SECRET", `loopback-${"l".repeat(40)}`);

describeEachDatabase("Auth.js on a loopback APP_URL", (db) => {
  it("sends an error (a forged link) to the error page on APP_URL's own origin", async () => {
    deriveAuthUrl();
    const { handlers } = NextAuth(authConfig(db()));
    const forged = () => new NextRequest(`${APP_URL}/api/auth/callback/email?token=forged&email=boss%40example.org`);
    // What Auth.js alone answers: the renamed origin.
    expect((await handlers.GET(forged())).headers.get("location")).toMatch(/^http:\/\/localhost:4107\/sign-in\/error\?error=/);
    const response = await onAppOrigin(handlers).GET(forged());
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^http:\/\/127\.0\.0\.1:4107\/sign-in\/error\?error=/);
  });
});

it("rewrites only a redirect to the renamed loopback origin", () => {
  const redirect = (location: string) => new Response(null, { status: 302, headers: { location, "set-cookie": "a=1" } });
  expect(redirectOnAppOrigin(redirect("http://localhost:4107/sign-in?x=1#y"), APP_URL).headers.get("location")).toBe("http://127.0.0.1:4107/sign-in?x=1#y");
  expect(redirectOnAppOrigin(redirect("http://localhost:4107/x"), "http://[::1]:4107").headers.get("location")).toBe("http://[::1]:4107/x");
  expect(redirectOnAppOrigin(redirect("http://localhost:4107/x"), APP_URL).headers.get("set-cookie")).toBe("a=1");
  // Another port, another host, or an APP_URL that is localhost itself: left alone.
  for (const [location, appUrl] of [
    ["http://localhost:9999/x", APP_URL],
    ["https://evil.example/x", APP_URL],
    ["http://localhost:4107/x", "http://localhost:4107"],
    ["http://localhost:4107/x", "https://give.example.org"],
    ["/relative", APP_URL],
  ]) {
    expect(redirectOnAppOrigin(redirect(location!), appUrl).headers.get("location")).toBe(location);
  }
});
