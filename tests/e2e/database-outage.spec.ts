/**
 * Defect 9: a database outage under a running production server. The test blocks its own
 * PostgreSQL database (ALLOW_CONNECTIONS false + terminating its backends; the shared server is
 * never stopped), checks what visitors, Stripe and load balancers get, then lets connections
 * back in and checks that everything recovers without a restart.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import Stripe from "stripe";
import { postgresConfigured, startPostgresServer, NO_POSTGRES_REASON, type PostgresServer } from "./support/postgres-server";
import { E2E_PORT } from "./support/e2e-server";

// The main e2e server is E2E_PORT, the any-port and two-instance servers the next two.
const port = E2E_PORT + 6;
const CACHED_CAMPAIGN = "/campaigns/foreign-media-in-north-korea";
// Never requested before the outage (the other campaign may be prefetched by the browser, and so cached).
const UNCACHED_PAGE = "/campaigns/never-rendered-before";
const STACK_TRACE = /\bat [\w.<>]+ \(|node_modules|\/work\/|Error: /;

test.describe.configure({ mode: "serial" });
test.skip(!postgresConfigured(), NO_POSTGRES_REASON);

let server: PostgresServer;
let request: APIRequestContext;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(180_000);
  server = await startPostgresServer("outage", port);
  request = await playwright.request.newContext({ baseURL: server.baseURL });
});

test.afterAll(async () => {
  await request?.dispose();
  if (server) {
    await server.adminQuery(`alter database ${server.databaseName} allow_connections true`).catch(() => undefined);
    await server.stop();
  }
});

async function blockDatabase() {
  await server.adminQuery(`alter database ${server.databaseName} allow_connections false`);
  await server.adminQuery(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${server.databaseName}' and pid <> pg_backend_pid()`);
}

function signedEvent(event: Record<string, unknown>) {
  const payload = JSON.stringify({ object: "event", created: Math.floor(Date.now() / 1000), livemode: false, ...event });
  const signature = new Stripe("sk_test_unused").webhooks.generateTestHeaderString({ payload, secret: server.webhookSecret });
  return request.post("/api/webhooks/stripe", { data: payload, headers: { "content-type": "application/json", "stripe-signature": signature } });
}

const raisedOn = (html: string) => /data-testid="raised"[^>]*>([^<]*)</.exec(html)?.[1];

test("while the database is unreachable: cached pages keep their figures, the rest answers 503 or a friendly message, and it all recovers", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // Rendered once while the database is up: these are in the page cache.
  const campaignBefore = await request.get(CACHED_CAMPAIGN);
  expect(campaignBefore.status()).toBe(200);
  const figures = raisedOn(await campaignBefore.text());
  expect(figures).toBeTruthy();
  expect((await request.get("/")).status()).toBe(200);
  const page = await (await browser.newContext({ baseURL: server.baseURL })).newPage();
  // A checkout started before the outage, whose thank-you page needs the database.
  await page.goto(CACHED_CAMPAIGN);
  await page.getByRole("complementary").getByLabel("Other amount").fill("11");
  await page.getByRole("complementary").getByRole("button", { name: "Donate", exact: true }).click();
  await expect(page).toHaveURL(/\/stripe-emulator\/checkout\/cs_/);
  const sessionId = /\/checkout\/(cs_[\w]+)/.exec(page.url())![1]!;
  const thankYouPath = `/donate/thank-you?session_id=${sessionId}`;
  await page.goto(CACHED_CAMPAIGN);

  await blockDatabase();

  const health = await request.get("/api/health");
  expect(health.status()).toBe(503);
  expect(health.headers()["retry-after"]).toBe("60");

  // Pages rendered before: served from the cache with their last figures.
  const campaignDuring = await request.get(CACHED_CAMPAIGN);
  expect(campaignDuring.status()).toBe(200);
  expect(raisedOn(await campaignDuring.text())).toBe(figures);
  expect((await request.get("/")).status()).toBe(200);

  // A dynamic page: the friendly 503 page, with Retry-After.
  const thankYou = await request.get(thankYouPath);
  expect(thankYou.status()).toBe(503);
  expect(thankYou.url()).toContain("/unavailable?from=");
  expect(thankYou.headers()["retry-after"]).toBe("60");
  const unavailableHtml = await thankYou.text();
  expect(unavailableHtml).toContain("back in a minute");
  expect(unavailableHtml).not.toMatch(STACK_TRACE);

  // A campaign page never rendered before: the 503 page as well, never a 500 (Next gives pages
  // no 503, so the page sends its visitors there; the page cache never keeps that redirect).
  const uncachedPage = await page.context().newPage();
  const uncached = await uncachedPage.goto(UNCACHED_PAGE);
  expect(uncached!.status()).toBe(503);
  expect(uncachedPage.url()).toContain(`/unavailable?from=${encodeURIComponent(UNCACHED_PAGE)}`);
  expect(await uncached!.headerValue("retry-after")).toBe("60");
  expect(await uncached!.text()).not.toMatch(STACK_TRACE);
  await expect(uncachedPage.getByRole("heading", { level: 1, name: "We’ll be back in a minute" })).toBeVisible();
  await uncachedPage.close();

  // The sitemap and Stripe's webhook: 503 so crawlers and Stripe come back.
  const sitemap = await request.get("/sitemap.xml");
  expect(sitemap.status()).toBe(503);
  expect(sitemap.headers()["retry-after"]).toBe("60");
  const webhook = await signedEvent({ id: "evt_during_outage", type: "invoice.paid", data: { object: { id: "in_during_outage", object: "invoice" } } });
  expect(webhook.status()).toBe(503);
  expect(webhook.headers()["retry-after"]).toBe("60");

  // The donation form on the cached page: a message, not a 500.
  const panel = page.getByRole("complementary");
  await panel.getByLabel("Other amount").fill("12");
  await panel.getByRole("button", { name: "Donate", exact: true }).click();
  await expect(panel.getByRole("alert")).toHaveText("Sorry, we cannot reach our database just now. Please try again in a minute.");

  // The database comes back: no restart.
  await server.adminQuery(`alter database ${server.databaseName} allow_connections true`);
  await expect.poll(async () => (await request.get("/api/health")).status(), { timeout: 30_000 }).toBe(200);
  const thankYouAfter = await request.get(thankYouPath);
  expect(thankYouAfter.status()).toBe(200);
  expect(thankYouAfter.url()).not.toContain("/unavailable");
  const back = await request.get("/unavailable?from=%2Fdonate", { maxRedirects: 0 });
  expect(back.status()).toBe(307);
  expect(back.headers()["location"]).toBe("/donate");
  expect((await request.get(UNCACHED_PAGE)).status()).toBe(404); // a real answer again: no such campaign
  expect((await request.get("/sitemap.xml")).status()).toBe(200);
  const redelivered = await signedEvent({
    id: "evt_during_outage",
    type: "customer.created",
    data: { object: { id: "cus_after_outage", object: "customer" } },
  });
  expect(redelivered.status()).toBe(200);
  await panel.getByRole("button", { name: "Donate", exact: true }).click();
  await expect(page).toHaveURL(/\/stripe-emulator\/checkout\//);
  await page.context().close();
  expect(server.output()).not.toContain("unhandledRejection");
});
