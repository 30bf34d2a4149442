/**
 * Fees and net through the real giving flow: gifts paid on the emulator's checkout (a US card and
 * a UK card), a partial refund and a dispute, each recorded by the signed webhooks with the fee
 * Stripe's balance transaction reports. The dashboard's Gross, Stripe fees and Net after fees for
 * the campaign equal the sums of the CSV's Amount, Fee and Net after fees columns, and what
 * "Settled by Stripe" gained equals the sums of the CSV's Settled columns.
 */
import fs from "node:fs";
import type { APIRequestContext, BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./support/csp";
import { ADMIN_EMAIL, signInThroughMailbox } from "./support/admin-session";
import { emulatorAuth } from "./support/e2e-server";
import { payOnCheckout, uniqueEmail } from "./support/giving";

const CAMPAIGN = { title: "Fees and net figures", slug: "fees-and-net-figures" };

test.describe.configure({ mode: "serial" });

let admin: BrowserContext;
let adminPage: Page;
const sessions: string[] = [];

test.afterAll(async () => {
  await admin?.close();
});

async function emulatorGet<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(`/stripe-emulator${path}`, { headers: emulatorAuth() });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as T;
}

async function chargeOf(request: APIRequestContext, sessionId: string): Promise<string> {
  const session = await emulatorGet<{ payment_intent: string }>(request, `/v1/checkout/sessions/${sessionId}`);
  return (await emulatorGet<{ latest_charge: string }>(request, `/v1/payment_intents/${session.payment_intent}`)).latest_charge;
}

/** The USD row of "Settled by Stripe", in cents per column (all zeros before anything settled). */
async function settledUsd(): Promise<Record<string, number>> {
  await adminPage.goto("/admin");
  const table = adminPage.getByRole("table", { name: "Settled by Stripe, per settlement currency" });
  const names = ["Received", "Refunds and disputes", "Stripe fees", "Net"];
  if ((await table.count()) === 0) return Object.fromEntries(names.map((name) => [name, 0]));
  const headers = (await table.getByRole("columnheader").allTextContents()).map((text) => text.trim());
  const cells = (await table.getByRole("row").filter({ hasText: "USD" }).getByRole("cell").allTextContents()).map((text) => text.trim());
  return Object.fromEntries(names.map((name) => [name, Math.round(Number(cells[headers.indexOf(name)]!.replace(/[$,]/g, "")) * 100)]));
}

let settledBefore: Record<string, number> = {};

const figure = (term: string) => adminPage.getByRole("article", { name: CAMPAIGN.title }).locator(`dd[data-figure="${term}"]`);

test("an admin opens a campaign", async ({ browser }) => {
  ({ context: admin, page: adminPage } = await signInThroughMailbox(browser, ADMIN_EMAIL));
  settledBefore = await settledUsd();
  await adminPage.goto("/admin/campaigns/new");
  await adminPage.getByLabel("Title", { exact: true }).fill(CAMPAIGN.title);
  await adminPage.getByLabel("Summary", { exact: true }).fill("Gifts whose Stripe fees the dashboard and the CSV must agree on.");
  await adminPage.getByLabel("Goal", { exact: true }).fill("1000");
  await adminPage.getByLabel("Suggested amounts", { exact: true }).fill("25, 50");
  await adminPage.getByLabel("Status", { exact: true }).selectOption("active");
  await adminPage.getByRole("button", { name: "Create campaign" }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: "Campaign created" })).toHaveText("Campaign created. It is live on the site now.");
});

for (const gift of [
  { amount: "$25", card: "4242 4242 4242 4242", paid: "$25.00" },
  { amount: "$50", card: "4000 0082 6000 0000", paid: "$50.00" },
]) {
  test(`a donor gives ${gift.amount} by card (${gift.card.slice(0, 9)}…)`, async ({ page }) => {
    await page.goto(`/campaigns/${CAMPAIGN.slug}`);
    const panel = page.getByRole("complementary");
    await panel.getByRole("radio", { name: "Give once" }).check();
    await panel.getByRole("radio", { name: gift.amount, exact: true }).check();
    await panel.getByRole("button", { name: "Donate", exact: true }).click();
    await payOnCheckout(page, { email: uniqueEmail("fees"), card: gift.card, name: "Fee Payer" });
    await expect(page).toHaveURL(/\/donate\/thank-you\?session_id=cs_test_/);
    await expect(page.getByTestId("gift-status")).toHaveText(`Your gift of ${gift.paid} to ${CAMPAIGN.title} has been received.`, { timeout: 20_000 });
    sessions.push(new URL(page.url()).searchParams.get("session_id")!);
  });
}

test("the first gift is partly refunded and the second disputed at Stripe", async ({ request }) => {
  const refund = await request.post("/stripe-emulator/v1/refunds", {
    headers: emulatorAuth(),
    form: { charge: await chargeOf(request, sessions[0]!), amount: "500" },
  });
  expect(refund.ok(), await refund.text()).toBe(true);
  const dispute = await request.post(`/stripe-emulator/test-helpers/charges/${await chargeOf(request, sessions[1]!)}/dispute`, { headers: emulatorAuth() });
  expect(dispute.ok(), await dispute.text()).toBe(true);
  // Fees: $25 by US card 0.73 + 0.30; $50 by UK card 2.20 + 0.30 (4.4%); the dispute's $15. The refund costs nothing.
  await expect(async () => {
    await adminPage.goto("/admin");
    await expect(figure("Refunded")).toHaveText("$5", { timeout: 1_000 });
    await expect(figure("Stripe fees")).toHaveText("$18.53", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
});

test("the dashboard's gross, fees and net after fees equal the CSV's columns", async () => {
  await adminPage.goto("/admin");
  await expect(figure("Gross")).toHaveText("$75");
  await expect(figure("Stripe fees")).toHaveText("$18.53");
  await expect(figure("Net after fees")).toHaveText("$51.47");
  const dashboard = {
    gross: await figure("Gross").textContent(),
    fees: await figure("Stripe fees").textContent(),
    net: await figure("Net after fees").textContent(),
  };

  await adminPage.goto("/admin/gifts");
  await adminPage.getByLabel("Campaign", { exact: true }).selectOption({ label: CAMPAIGN.title });
  await adminPage.getByRole("button", { name: "Apply" }).click();
  const downloading = adminPage.waitForEvent("download");
  await adminPage.getByRole("link", { name: "Download these gifts as CSV" }).click();
  const csv = fs.readFileSync((await (await downloading).path())!, "utf8").replace(/^\uFEFF/, "");
  const [header, ...lines] = csv.trimEnd().split("\r\n");
  const columns = header!.split(",");
  expect(lines).toHaveLength(2);
  // No cell of these rows is quoted (no commas in them), so a plain split reads them.
  const sum = (name: string) => lines.reduce((total, line) => total + Math.round(Number(line.split(",")[columns.indexOf(name)]) * 100), 0);
  const dollars = (cents: number) => `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: cents % 100 === 0 ? 0 : 2 })}`;
  expect({ gross: dollars(sum("Amount")), fees: dollars(sum("Fee")), net: dollars(sum("Net after fees")) }).toEqual(dashboard);
  // Settled by Stripe (a US account: USD, as Stripe's balance transactions report it) gained exactly these gifts' Settled columns.
  expect(lines.every((line) => line.split(",")[columns.indexOf("Settled in")] === "USD")).toBe(true);
  const settledAfter = await settledUsd();
  expect({
    received: settledAfter["Received"]! - settledBefore["Received"]!,
    refundsAndDisputes: settledAfter["Refunds and disputes"]! - settledBefore["Refunds and disputes"]!,
    fees: settledAfter["Stripe fees"]! - settledBefore["Stripe fees"]!,
    net: settledAfter["Net"]! - settledBefore["Net"]!,
  }).toEqual({
    received: sum("Settled amount"),
    refundsAndDisputes: sum("Settled refunds and disputes"),
    fees: sum("Settled fees"),
    net: sum("Settled net"),
  });
  // $75 received; the $5 refund and the $50 dispute left; fees $3.53 + $15.
  expect(sum("Settled net")).toBe(7500 - 500 - 5000 - 1853);

  // The disputed gift's own page: its payment's fee and the dispute fee.
  const disputed = lines.map((line) => line.split(",")).find((cells) => cells[columns.indexOf("Amount")] === "50.00")!;
  await adminPage.goto(`/admin/gifts/${disputed[columns.indexOf("Gift id")]}`);
  await expect(adminPage.getByRole("definition").filter({ hasText: /on the payment/ })).toHaveText(
    "$17.50 ($2.50 on the payment, $15.00 on refunds and disputes)",
  );
  await expect(adminPage.getByRole("definition").filter({ hasText: /, fee / })).toHaveText("$50.00 USD, fee $2.50 USD, net $47.50 USD");
});
