import fs from "node:fs";
import path from "node:path";
import { pagePolicyFor } from "../../lib/security/headers";
import { expect, test } from "./support/csp";

const CAMPAIGN = "/campaigns/foreign-media-in-north-korea";
const scriptSrc = (csp: string | undefined) => /script-src ([^;]*)/.exec(csp ?? "")?.[1];

test("a cached campaign page carries the cached policy and stays cached", async ({ request }) => {
  await request.get(CAMPAIGN);
  const response = await request.get(CAMPAIGN);
  const headers = response.headers();
  expect(headers["x-nextjs-cache"]).toBe("HIT");
  expect(scriptSrc(headers["content-security-policy"])).toBe("'self' 'unsafe-inline'");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toContain("object-src 'none'");
  expect(headers["content-security-policy"]).toContain("base-uri 'self'");
  expect(headers["content-security-policy"]).toMatch(/form-action 'self' \S+ https:\/\/checkout\.stripe\.com/);
  expect(headers).toMatchObject({ "x-content-type-options": "nosniff", "referrer-policy": "same-origin", "x-frame-options": "DENY" });
  expect(headers["permissions-policy"]).toContain("payment=()");
  // APP_URL is http here; HSTS is sent only when it is https (unit-tested).
  expect(headers["strict-transport-security"]).toBeUndefined();
});

test("sign-in gets a fresh nonce, and every script on it carries that nonce", async ({ request }) => {
  const nonces = [];
  for (let i = 0; i < 2; i++) {
    const response = await request.get("/sign-in");
    const nonce = /'nonce-([^']+)' 'strict-dynamic'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
    expect(nonce).toBeTruthy();
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
    nonces.push(nonce);
  }
  expect(nonces[0]).not.toBe(nonces[1]);
});

test("static files and API answers carry nosniff", async ({ request, page }) => {
  await page.goto("/privacy");
  const chunk = await page.evaluate(() => document.querySelector<HTMLScriptElement>("script[src*='/_next/static/']")?.src);
  expect(chunk).toBeTruthy();
  expect((await request.get(chunk!)).headers()["x-content-type-options"]).toBe("nosniff");
  expect((await request.get("/api/health")).headers()["x-content-type-options"]).toBe("nosniff");
});

test.describe("framing", () => {
  test.use({ cspViolationsExpected: true });

  test("no page of the site can be framed, admin included (clickjacking)", async ({ page, baseURL }) => {
    await page.goto("about:blank");
    await page.setContent(
      `<iframe title="admin" src="${baseURL}/sign-in?callbackUrl=%2Fadmin%2Fadmins"></iframe><iframe title="campaign" src="${baseURL}${CAMPAIGN}"></iframe>`,
    );
    // Chromium replaces a frame refused by frame-ancestors / X-Frame-Options with its error page.
    await expect
      .poll(() =>
        page
          .frames()
          .slice(1)
          .map((frame) => frame.url()),
      )
      .toEqual(["chrome-error://chromewebdata/", "chrome-error://chromewebdata/"]);
  });
});

test("the build agrees with the list of per-request pages: nonce only where Next renders per request", () => {
  const readManifest = (name: string) => JSON.parse(fs.readFileSync(path.join(".next-e2e", name), "utf8"));
  const pages: Record<string, string> = readManifest("app-path-routes-manifest.json");
  const prerender = readManifest("prerender-manifest.json");
  const prerendered = new Set([...Object.keys(prerender.routes), ...Object.keys(prerender.dynamicRoutes)]);
  const sample = (route: string) => route.replace(/\[[^\]]+\]/g, "sample");
  const policies = Object.entries(pages)
    .filter(([file, route]) => file.endsWith("/page") && !route.startsWith("/_"))
    .map(([, route]) => [route, prerendered.has(route) ? "cached" : "dynamic", pagePolicyFor(sample(route))]);
  expect(policies.length).toBeGreaterThan(15);
  // The embed routes are cached pages with a frame-ancestors of their own (lib/security/headers.ts).
  for (const [route, rendering, policy] of policies) expect(policy === "embed" ? "cached" : policy, `${route} is ${rendering}`).toBe(rendering);
  expect(
    policies
      .filter(([, , policy]) => policy === "embed")
      .map(([route]) => route)
      .sort(),
  ).toEqual(["/embed/campaigns/[slug]/form", "/embed/campaigns/[slug]/progress"]);
});

test("a public page refuses a body over 1 MB with 413 before Next reads it (only admin pages take uploads)", async ({ request }) => {
  const body = "x".repeat(1024 * 1024 + 1);
  for (const target of [CAMPAIGN, "/", "/donate"]) {
    const response = await request.post(target, { data: body, headers: { "content-type": "text/plain" } });
    expect(response.status(), target).toBe(413);
    expect(await response.text()).toContain("over 1 MB");
  }
});
