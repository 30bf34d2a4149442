/**
 * An admin renames a campaign's web address twice and every old link still leads to it (a
 * permanent redirect, straight to the newest address); an admin sends the year's giving
 * statements and the donor's statement arrives in the mailbox, once however often it is sent.
 */
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./support/csp";
import { expectNoAxeViolations } from "./support/axe";
import { ADMIN_EMAIL, signInThroughMailbox } from "./support/admin-session";
import { FIXTURE_CAMPAIGN, FIXTURE_GIFTS, FIXTURE_GOAL_REACHED_GIFTS } from "./support/fixture-gifts";
import { mailbox, showEmail, waitForEmail } from "./support/mailbox";

test.describe.configure({ mode: "serial" });

// Ann's fixture gifts (tests/e2e/support/fixture-gifts.ts) were all paid in 2024: what she kept.
const ANN_KEPT_2024 = [
  ...FIXTURE_GIFTS.filter((gift) => gift.donor === 0).map((gift) => gift.amount - gift.refundedAmount),
  ...FIXTURE_GOAL_REACHED_GIFTS.filter((gift) => gift.donor === 0 && gift.paidAt.startsWith("2024-")).map((gift) => gift.amount),
].reduce((sum, amount) => sum + amount, 0);
const ANN_TOTAL_2024 = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(ANN_KEPT_2024 / 100);

let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }) => {
  ({ context, page } = await signInThroughMailbox(browser, ADMIN_EMAIL));
});

test.afterAll(async () => {
  await context?.close();
});

async function saveAddress(slug: string): Promise<void> {
  await page.getByLabel("Web address", { exact: true }).fill(slug);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved" })).toBeVisible();
}

test("a renamed campaign's old addresses redirect permanently to its new one", async ({ browser }) => {
  await page.goto("/admin/campaigns/new");
  await page.getByLabel("Title", { exact: true }).fill("Lamps for night classes");
  await page.getByLabel("Web address", { exact: true }).fill("lamps-first-name");
  await page.getByLabel("Summary", { exact: true }).fill("Solar lamps so classes can meet after dark.");
  await page.getByLabel("Goal", { exact: true }).fill("5000");
  await page.getByLabel("Status", { exact: true }).selectOption("active");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit: Lamps for night classes" })).toBeVisible();
  const editPage = new URL(page.url()).pathname;

  const visitor = await browser.newContext();
  const reader = await visitor.newPage();
  await reader.goto("/campaigns/lamps-first-name"); // now in the page cache under its first address
  await expect(reader.getByRole("heading", { level: 1, name: "Lamps for night classes" })).toBeVisible();

  await saveAddress("lamps-second-name");
  await saveAddress("lamps-third-name");
  const oldAddresses = page.getByRole("region", { name: "Old web addresses" });
  await expect(oldAddresses.getByRole("button", { name: /^Stop redirecting/ })).toHaveCount(2);
  await expectNoAxeViolations(page);

  for (const old of ["lamps-first-name", "lamps-second-name"]) {
    const response = await visitor.request.get(`/campaigns/${old}`, { maxRedirects: 0 });
    expect(response.status(), old).toBe(308);
    // Straight to the end of the chain. Next sends a cached redirect's Location twice, identical
    // (vercel/next.js#82117; docs/campaign-pages.md, "Renaming a campaign"): every copy must name the same place.
    const locations = response.headersArray().filter((header) => header.name.toLowerCase() === "location");
    expect(locations.length, old).toBeGreaterThan(0);
    for (const location of locations) expect(new URL(location.value, "http://x").pathname, old).toBe("/campaigns/lamps-third-name");
  }
  await reader.goto("/campaigns/lamps-first-name");
  await expect(reader).toHaveURL(/\/campaigns\/lamps-third-name$/);
  await expect(reader.getByRole("heading", { level: 1, name: "Lamps for night classes" })).toBeVisible();

  // Another campaign cannot take an old address while it redirects…
  await page.goto("/admin/campaigns/new");
  await page.getByLabel("Title", { exact: true }).fill("Copycat");
  await page.getByLabel("Web address", { exact: true }).fill("lamps-first-name");
  await page.getByLabel("Summary", { exact: true }).fill("Wants the old address.");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The campaign was not saved" })).toContainText(
    "This is an old web address of “Lamps for night classes”",
  );

  // …until an admin stops the redirect: then the old link is gone.
  await page.goto(editPage);
  await page.getByRole("button", { name: "Stop redirecting /campaigns/lamps-first-name" }).click();
  await expect(page.getByRole("status").filter({ hasText: "no longer redirects" })).toHaveText(
    "/campaigns/lamps-first-name no longer redirects here; another campaign can use it now.",
  );
  expect((await visitor.request.get("/campaigns/lamps-first-name", { maxRedirects: 0 })).status()).toBe(404);
  expect((await visitor.request.get("/campaigns/lamps-second-name", { maxRedirects: 0 })).status()).toBe(308);
  await visitor.close();
});

test("an admin sends the year's giving statements and the donor's arrives once", async () => {
  // Among Ann's fixture gifts of January 2024: $100.00, and $40.50 kept of $50.50 ($10.00 refunded).
  const donor = "ann@example.org";
  const subject = /^Your 2024 giving statement from /;
  expect(mailbox(donor).filter((m) => subject.test(m.subject))).toHaveLength(0);

  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Statements" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Giving statements" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Year", { exact: true }).selectOption("2024");
  await page.getByRole("button", { name: "Send giving statements" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Giving statements for 2024" })).toHaveText(
    /^Giving statements for 2024: \d+ statements? queued for sending\.$/,
  );

  const statement = await waitForEmail(donor, subject);
  expect(statement.text).toContain(FIXTURE_CAMPAIGN.title);
  expect(statement.text).toContain("$100.00");
  expect(statement.text).toContain("$40.50");
  expect(statement.text).toContain("$10.00 of $50.50 refunded");
  expect(statement.text).toContain(`Total given in 2024 in USD: ${ANN_TOTAL_2024}`);
  const shown = await showEmail(await context.newPage(), statement);
  await expect(shown).toBeVisible();

  // Sending again sends nothing new.
  await page.getByRole("button", { name: "Send giving statements" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Giving statements for 2024" })).toHaveText(
    /^Giving statements for 2024: 0 statements queued for sending\. \d+ donors? (was|were) already sent theirs and got nothing new\.$/,
  );
  await page.reload();
  await expect(page.getByRole("table", { name: "Giving statements by year" }).getByRole("row", { name: /^2024/ })).toBeVisible();
  await expectNoAxeViolations(page);
  expect(mailbox(donor).filter((m) => subject.test(m.subject))).toHaveLength(1);
});

test("a donor has their own statement emailed from their giving page", async ({ browser, baseURL }) => {
  const donor = "ann@example.org";
  const subject = /^Your 2024 giving statement from /;
  const before = mailbox(donor).filter((m) => subject.test(m.subject)).length;
  // Its own client address: the link form's rate limit is per client.
  const donorContext = await browser.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.77" } });
  const donorPage = await donorContext.newPage();
  await donorPage.goto("/donate/manage");
  await donorPage.getByLabel("Your email address").fill(donor);
  await donorPage.getByRole("button", { name: "Email me a link" }).click();
  const linkEmail = await waitForEmail(donor, /^Your link to manage your giving/);
  const link = /href="([^"]*\/donate\/manage\?link=[^"]+)"/.exec(linkEmail.html)![1]!.replace(/&amp;/g, "&");
  await donorPage.goto(new URL(link).pathname + new URL(link).search);
  await donorPage.getByRole("button", { name: "Open my giving page" }).click();

  const statements = donorPage.getByRole("region", { name: "Giving statements" });
  await statements.getByRole("button", { name: "Email me my 2024 statement" }).click();
  await expect(statements.getByRole("status")).toHaveText("We have emailed you your 2024 statement.");
  await expect.poll(() => mailbox(donor).filter((m) => subject.test(m.subject)).length).toBe(before + 1);
  expect(mailbox(donor).find((m) => subject.test(m.subject))!.text).toContain(`Total given in 2024 in USD: ${ANN_TOTAL_2024}`);
  await expectNoAxeViolations(donorPage);

  // Asking again the same day sends nothing more.
  await statements.getByRole("button", { name: "Email me my 2024 statement" }).click();
  await expect(statements.getByRole("status")).toHaveText("We emailed you your 2024 statement earlier today; please look for it in your inbox.");
  expect(mailbox(donor).filter((m) => subject.test(m.subject))).toHaveLength(before + 1);
  await donorContext.close();
});
