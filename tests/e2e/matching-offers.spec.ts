/**
 * A sponsor's match, end to end: an admin adds a 1:1 match with a $40 cap to a new campaign;
 * the giving panel announces it; a $25 gift is matched in full, the next only for the $15 left,
 * after which the panel stops announcing it; the page shows raised and matched apart and
 * together; the sponsor's statement and the gifts CSV say what the match covered.
 */
import fs from "node:fs";
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./support/csp";
import { expectNoAxeViolations } from "./support/axe";
import { ADMIN_EMAIL, signInThroughMailbox } from "./support/admin-session";
import { payOnCheckout, uniqueEmail } from "./support/giving";

const CAMPAIGN = { title: "Matched by a sponsor", slug: "matched-by-a-sponsor" };
const SUCCEEDS = "4242 4242 4242 4242";

test.describe.configure({ mode: "serial" });

let admin: BrowserContext;
let adminPage: Page;
let campaignUrl = "";

test.afterAll(async () => {
  await admin?.close();
});

/** `datetime-local` in UTC, `days` from now. */
const utcInput = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 16);

async function giveOnce(page: Page, dollars: string, name: string) {
  await page.goto(`/campaigns/${CAMPAIGN.slug}`);
  const panel = page.getByRole("complementary");
  await panel.getByRole("radio", { name: "Give once" }).check();
  await panel.getByLabel("Other amount").fill(dollars);
  await panel.getByRole("button", { name: "Donate", exact: true }).click();
  await payOnCheckout(page, { email: uniqueEmail("matched"), card: SUCCEEDS, name });
  await expect(page.getByTestId("gift-status")).toContainText("has been received", { timeout: 20_000 });
}

test("an admin adds a 1:1 match capped at $40 to a campaign", async ({ browser }) => {
  ({ context: admin, page: adminPage } = await signInThroughMailbox(browser, ADMIN_EMAIL));
  await adminPage.goto("/admin/campaigns/new");
  await adminPage.getByLabel("Title", { exact: true }).fill(CAMPAIGN.title);
  await adminPage.getByLabel("Summary", { exact: true }).fill("Every gift matched by a sponsor, up to a cap.");
  await adminPage.getByLabel("Goal", { exact: true }).fill("1000");
  await adminPage.getByLabel("Status", { exact: true }).selectOption("active");
  await adminPage.getByRole("button", { name: "Create campaign" }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: "Campaign created" })).toBeVisible();
  campaignUrl = adminPage.url().split("?")[0]!;

  await adminPage.getByRole("link", { name: "Matching offers" }).click();
  await expect(adminPage.getByRole("heading", { level: 1, name: `Matching offers: ${CAMPAIGN.title}` })).toBeVisible();
  // Refused: an end before the start; nothing is added.
  await adminPage.getByLabel("Sponsor's name").fill("Acme Co");
  await adminPage.getByLabel("Cap (USD)").fill("40");
  await adminPage.getByLabel("Starts (UTC)").fill(utcInput(-1));
  await adminPage.getByLabel("Ends (UTC)").fill(utcInput(-2));
  await adminPage.getByRole("button", { name: "Add match" }).click();
  await expect(adminPage.getByText("The match must end after it starts.")).toBeVisible();
  await expect(adminPage.getByText("No matches yet.")).toBeVisible();

  await adminPage.getByLabel("Ends (UTC)").fill(utcInput(3));
  await adminPage.getByRole("radio", { name: /^1:1/ }).check();
  await adminPage.getByRole("button", { name: "Add match" }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: "Added the match" })).toHaveText("Added the match by Acme Co.");
  const row = adminPage.getByRole("table", { name: "Matches on this campaign" }).getByRole("row").nth(1);
  await expect(row).toContainText("Acme Co");
  await expect(row).toContainText("$40");
  await expect(row).toContainText("Running");
  await expectNoAxeViolations(adminPage);
});

test("the giving panel announces the match; a $25 gift is matched in full", async ({ page }) => {
  await page.goto(`/campaigns/${CAMPAIGN.slug}`);
  const panel = page.getByRole("complementary");
  const until = new Date(Date.now() + 3 * 86_400_000).toLocaleDateString("en-US", { weekday: "long", month: "long", day: "numeric", timeZone: "UTC" });
  await expect(panel.getByTestId("match-notice")).toHaveText(`Your gift will be matched by Acme Co until ${until}. It counts twice.`);
  await expectNoAxeViolations(page);
  await giveOnce(page, "25", "First Donor");
  await expect
    .poll(async () => (await page.goto(`/campaigns/${CAMPAIGN.slug}`), await page.getByRole("complementary").getByTestId("raised").innerText()))
    .toBe("$50");
  await expect(panel.getByTestId("raised-and-matched")).toHaveText("$25 from donors + $25 matched by sponsors");
  await expect(panel.getByTestId("match-notice")).toBeVisible(); // $15 of the cap left
});

test("the next $25 gift takes only the $15 left, and the panel stops announcing the match", async ({ page }) => {
  await giveOnce(page, "25", "Second Donor");
  await expect
    .poll(async () => (await page.goto(`/campaigns/${CAMPAIGN.slug}`), await page.getByRole("complementary").getByTestId("raised").innerText()))
    .toBe("$90");
  const panel = page.getByRole("complementary");
  await expect(panel.getByTestId("raised-and-matched")).toHaveText("$50 from donors + $40 matched by sponsors");
  await expect(panel.getByTestId("match-notice")).toHaveCount(0);
  await expect(panel.getByRole("progressbar")).toHaveAttribute("aria-valuetext", "$90 raised of $1,000 goal");
});

test("the sponsor's statement and the gifts CSV show what the match covered", async () => {
  await adminPage.goto(`${campaignUrl}/matching`);
  const row = adminPage.getByRole("table", { name: "Matches on this campaign" }).getByRole("row").nth(1);
  await expect(row).toContainText("Cap reached");
  await row.getByRole("link", { name: "Statement for Acme Co" }).click();
  await expect(adminPage.getByRole("heading", { level: 1, name: "Matching statement: Acme Co" })).toBeVisible();
  await expect(adminPage.getByTestId("owed")).toHaveText("$40.00");
  const gifts = adminPage.getByRole("table", { name: "Gifts matched by Acme Co" }).getByRole("row");
  await expect(gifts).toHaveCount(3);
  await expect(gifts.nth(1)).toContainText("First Donor");
  await expect(gifts.nth(1)).toContainText("$25.00");
  await expect(gifts.nth(2)).toContainText("$15.00");
  await expectNoAxeViolations(adminPage);
  const downloading = adminPage.waitForEvent("download");
  await adminPage.getByRole("link", { name: "Download this statement as CSV" }).click();
  const statementCsv = fs.readFileSync((await (await downloading).path())!, "utf8").replace(/^\uFEFF/, "");
  expect(statementCsv.split("\r\n")[0]).toBe("Paid at (UTC),Receipt number,Donor,Currency,Gift,Refunded,Matched,Gift id");
  expect(statementCsv).toContain(",First Donor,USD,25.00,0.00,25.00,");
  expect(statementCsv).toContain(",Second Donor,USD,25.00,0.00,15.00,");

  const campaignId = campaignUrl.split("/").pop()!;
  const response = await adminPage.request.get(`/admin/exports/gifts?campaign=${campaignId}`);
  const csv = (await response.text()).replace(/^\uFEFF/, "");
  // Read by column name: the export gains columns (fees came after matching), and a test that reads
  // by position breaks each time. These rows hold no quoted commas.
  const [header, ...rows] = csv
    .trimEnd()
    .split("\r\n")
    .map((line) => line.split(","));
  const cell = (row: string[], name: string) => row[header!.indexOf(name)];
  const matched = rows.filter((row) => cell(row, "Currency") === "USD" && cell(row, "Amount") === "25.00" && cell(row, "Matched by") === "Acme Co");
  expect(matched.map((row) => [cell(row, "Refunded"), cell(row, "Method"), cell(row, "Void")])).toEqual([
    ["0.00", "Card (Stripe)", "no"],
    ["0.00", "Card (Stripe)", "no"],
  ]);
  expect(matched.map((row) => cell(row, "Matched")).sort()).toEqual(["15.00", "25.00"]);
});
