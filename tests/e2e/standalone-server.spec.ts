/**
 * The server and the email worker as the container image runs them (issue 22): the e2e build's
 * standalone output assembled with its static files, public/ and the bundled worker
 * (scripts/assemble-standalone.mjs, what the Containerfile runs), then `node server.js` with
 * NODE_ENV=production, HOSTNAME and PORT, and `node worker/delivery-worker.cjs` beside it, both on
 * one PostgreSQL database as in compose.yaml (EMAIL_WORKER=disabled on the server: only the
 * worker runs the delivery loop). A gift goes through it in the browser: the emulator's checkout,
 * its webhook, the new total on the campaign page and the receipt (the webhook sends it right
 * after committing). Then an email is queued that nothing sends at once, and the worker's loop
 * renders (react-email, bundled) and sends it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { expect, test } from "./support/csp";
import { E2E_PORT } from "./support/e2e-server";
import { formatUsd, payOnCheckout, readFigures, uniqueEmail } from "./support/giving";
import { NO_POSTGRES_REASON, postgresConfigured } from "./support/postgres-server";
import { assembleStandaloneCopy, startStandalone, type StandaloneProcess } from "./support/standalone-server";

// +1…+10 and +95 are the other specs' servers (tests/e2e/support/e2e-server.ts).
const port = E2E_PORT + 11;
const baseURL = `http://127.0.0.1:${port}`;
const CAMPAIGN = { slug: "foreign-media-in-north-korea", title: "Foreign Media in North Korea - How Kpop is Challenging the Regime" };
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

test.describe("the standalone server and the bundled email worker", () => {
  const configured = postgresConfigured();
  test.skip(!configured, NO_POSTGRES_REASON);

  const adminUrl = configured ? new URL(process.env.TEST_DATABASE_URL!) : null;
  const databaseName = `lantern_e2e_standalone_${port}`;
  let copyDir = "";
  let dataDir = "";
  let databaseUrl = "";
  let server: StandaloneProcess | undefined;
  let worker: StandaloneProcess | undefined;

  async function adminQuery(text: string): Promise<void> {
    const client = new pg.Client({ connectionString: adminUrl!.toString() });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  }

  /** Every email to `to` the demo's mailbox holds (one JSON file each in the data folder). */
  function mailboxTo(to: string): { to: string; subject: string; text: string; html: string }[] {
    const folder = path.join(dataDir, "mailbox");
    return (fs.existsSync(folder) ? fs.readdirSync(folder) : [])
      .filter((name) => name.endsWith(".json"))
      .map((name) => JSON.parse(fs.readFileSync(path.join(folder, name), "utf8")) as { to: string; subject: string; text: string; html: string })
      .filter((message) => message.to === to);
  }

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    if (!LOCAL_HOSTS.has(adminUrl!.hostname)) throw new Error(`Refusing non-local database host "${adminUrl!.hostname}"`);
    await adminQuery(`drop database if exists ${databaseName} with (force)`);
    await adminQuery(`create database ${databaseName}`);
    const url = new URL(adminUrl!);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
    copyDir = assembleStandaloneCopy("standalone");
    // One data folder for both, like the volume compose.yaml gives them: the demo's generated
    // secrets, and the mailbox the worker writes each email into.
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-e2e-standalone-"));
    const environment = {
      DATABASE_URL: databaseUrl,
      LANTERN_DATA_DIR: dataDir,
      LANTERN_TEST_MODE: "demo",
      AUTH_SECRET: "t".repeat(44),
      APP_URL: baseURL,
      ORG_NAME: "Standalone Test Org",
    };
    server = startStandalone(copyDir, "server.js", { ...environment, HOSTNAME: "127.0.0.1", PORT: String(port), EMAIL_WORKER: "disabled" });
    await server.healthy(port);
    // The server has migrated and seeded the database; the worker starts on it.
    worker = startStandalone(copyDir, "worker/delivery-worker.cjs", environment);
    await expect.poll(() => worker!.output(), { timeout: 30_000 }).toContain('"msg":"delivery worker on postgres"');
  });

  test.afterAll(async () => {
    await worker?.stop();
    await server?.stop();
    if (configured) await adminQuery(`drop database if exists ${databaseName} with (force)`);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (copyDir) fs.rmSync(copyDir, { recursive: true, force: true });
  });

  test("serves the site with its static files and takes a gift through the emulator: webhook, new total, receipt", async ({ page }) => {
    test.setTimeout(120_000);
    // Production logs are JSON lines (lib/observability/logger.ts).
    expect(server!.output()).toContain('"msg":"database ready (postgres)"');
    // EMAIL_WORKER=disabled: the server runs no delivery loop (the bundled worker does).
    expect(server!.output()).not.toContain('"msg":"email delivery worker started"');

    await page.goto(`${baseURL}/campaigns/${CAMPAIGN.slug}`);
    await expect(page.getByRole("heading", { level: 1, name: CAMPAIGN.title })).toBeVisible();
    await expect(page.getByText("Standalone Test Org").first()).toBeVisible();
    // Styles and scripts come from the copied static folder; the favicon from the copied public/.
    const stylesheet = await page.locator('link[rel="stylesheet"]').first().getAttribute("href");
    expect((await page.request.get(`${baseURL}${stylesheet}`)).status()).toBe(200);
    expect((await page.request.get(`${baseURL}/favicon.ico`)).status()).toBe(200);
    // The generated share card: next/og's WASM and font, traced into the standalone output.
    const card = await page.request.get(`${baseURL}/campaigns/${CAMPAIGN.slug}/share-card.png`);
    expect(card.status()).toBe(200);
    expect(card.headers()["content-type"]).toBe("image/png");

    const before = await readFigures(page);
    const panel = page.getByRole("complementary");
    await panel.getByRole("radio", { name: "Give once" }).check();
    await panel.getByRole("radio", { name: "$25", exact: true }).check();
    await panel.getByRole("button", { name: "Donate", exact: true }).click();
    const email = uniqueEmail("standalone");
    await payOnCheckout(page, { email, card: "4242 4242 4242 4242", name: "Hana Seo" });

    await expect(page).toHaveURL(/\/donate\/thank-you\?session_id=cs_test_/);
    await expect(page.getByTestId("gift-status")).toHaveText(`Your gift of $25.00 to ${CAMPAIGN.title} has been received.`, { timeout: 15_000 });

    await page.goto(`${baseURL}/campaigns/${CAMPAIGN.slug}`);
    await expect(page.getByRole("complementary").getByTestId("raised")).toHaveText(formatUsd(before.raisedCents + 2500));
    expect(await readFigures(page)).toEqual({ raisedCents: before.raisedCents + 2500, donors: before.donors + 1 });

    // The receipt, as the demo's mailbox keeps it (one JSON file per email in the data folder).
    await expect.poll(() => mailboxTo(email).length, { timeout: 30_000, message: `the receipt to ${email}` }).toBe(1);
    const [receipt] = mailboxTo(email);
    expect(receipt!.subject).toBe("Receipt for your gift of $25.00");
    expect(receipt!.text).toContain("Dear Hana Seo");
    expect(receipt!.text).toContain("Standalone Test Org");
  });

  test("the bundled worker sends what is left queued, and the server (EMAIL_WORKER=disabled) does not", async () => {
    const to = uniqueEmail("worker-only");
    // Not a bare number: the log scrubs digit runs that pass the card-number check (a 13-digit
    // Date.now() does, one time in ten).
    const key = `standalone-test:${Date.now().toString(36)}`;
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      // What queueEmail writes (lib/email/outbox/queue.ts), with nobody sending it right away.
      await client.query(`insert into sent_emails (idempotency_key, template, to_address, props) values ($1, 'sign-in-link', $2, $3)`, [
        key,
        to,
        JSON.stringify({ organisationName: "Standalone Test Org", url: `${baseURL}/sign-in/verify?token=standalone-test` }),
      ]);
    } finally {
      await client.end();
    }
    await expect.poll(() => mailboxTo(to).length, { timeout: 30_000, message: `the email to ${to}` }).toBe(1);
    expect(mailboxTo(to)[0]!.subject).toBe("Sign in to Standalone Test Org");
    expect(mailboxTo(to)[0]!.html).toContain("/sign-in/verify?token=standalone-test");
    // The dev mailbox logs each email's key in the process that stored it.
    expect(worker!.output()).toContain(`"emailKey":"${key}"`);
    expect(server!.output()).not.toContain(key);
  });
});
