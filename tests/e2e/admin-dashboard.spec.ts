/**
 * An admin's day: sign in through the magic link, read a campaign's figures, look through and
 * export its gifts, export subscribers, and publish a new campaign that the home page then shows.
 */
import fs from "node:fs";
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./support/csp";
import { expectNoAxeViolations } from "./support/axe";
import { ADMIN_EMAIL, signInThroughMailbox } from "./support/admin-session";
import { FIXTURE_CAMPAIGN, FIXTURE_GIFTS } from "./support/fixture-gifts";

test.describe.configure({ mode: "serial" });

let context: BrowserContext;
let page: Page;

test.afterAll(async () => {
  await context?.close();
});

test("an admin signs in with the link from the dev mailbox", async ({ browser }) => {
  ({ context, page } = await signInThroughMailbox(browser, ADMIN_EMAIL));
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
  await expectNoAxeViolations(page);
  // the session is in a cookie page scripts cannot read, and the session JSON does not repeat it
  const cookies = await context.cookies();
  expect(cookies.find((cookie) => cookie.name.endsWith("authjs.session-token"))?.httpOnly).toBe(true);
  expect(JSON.stringify(await (await page.request.get("/api/auth/session")).json())).not.toContain(
    cookies.find((c) => c.name.endsWith("authjs.session-token"))!.value,
  );
});

test("a campaign's figures on the dashboard match its gifts and its public page", async () => {
  // Gifts of the fixture campaign (tests/e2e/support/fixture-gifts.ts), worked out by hand:
  // net 100.00 + 25.00 + 0 + 0 + 40.50 = 165.50 from 3 gifts not fully refunded, by 2 donors.
  expect(FIXTURE_GIFTS).toHaveLength(5);
  await page.goto("/admin");
  const card = page.getByRole("article", { name: FIXTURE_CAMPAIGN.title });
  await expect(card.getByRole("progressbar", { name: `Progress of ${FIXTURE_CAMPAIGN.title}` })).toHaveAttribute(
    "aria-valuetext",
    "$165.50 raised of $1,000 goal (16%)",
  );
  const figures = card.getByRole("definition");
  const figure = (term: string) => card.locator(`dd[data-figure="${term}"]`);
  await expect(figures.first()).toBeVisible();
  await expect(figure("Gifts")).toHaveText("3");
  await expect(figure("Unique donors")).toHaveText("2");
  await expect(figure("Average gift")).toHaveText("$55.17");
  await expect(figure("One-off")).toHaveText("$165.50 (3)");
  await expect(figure("Recurring")).toHaveText("$0 (0)");
  await expect(figure("Active monthly donors")).toHaveText("0");
  await expect(figure("Recurring per month")).toHaveText("$0");
  await expect(figure("Refunded")).toHaveText("$110");
  // The fixture's gifts are Stripe payments whose fee was never read (as gifts from before fees were): unknown, not $0.
  await expect(figure("Stripe fees")).toHaveText(`$0 + unknown for ${FIXTURE_GIFTS.length} gifts`);
  await expect(figure("Net after fees")).toHaveText("$165.50 before unknown fees");
  await expect(page.getByTestId("fees-not-recorded")).toContainText("npm run reconcile -- --fees");

  const publicPage = await context.newPage();
  await publicPage.goto(`/campaigns/${FIXTURE_CAMPAIGN.slug}`);
  await expect(publicPage.getByRole("complementary").getByTestId("raised")).toHaveText("$165.50");
  await publicPage.close();
});

test("the chart has a title, a summary and the same numbers as a table", async () => {
  await page.goto("/admin");
  const chart = page.getByRole("img", { name: /^Daily gifts in USD, all campaigns/ });
  await expect(chart).toBeVisible();
  await page.getByLabel("Campaign", { exact: true }).selectOption({ label: FIXTURE_CAMPAIGN.title });
  await page.getByLabel("From", { exact: true }).fill("2024-01-01");
  await page.getByLabel("To", { exact: true }).fill("2024-01-10");
  await page.getByRole("button", { name: "Show" }).click();
  const titled = page.getByRole("img", { name: `Daily gifts in USD, ${FIXTURE_CAMPAIGN.title}, 1 Jan 2024 to 10 Jan 2024 (UTC)` });
  await expect(titled).toBeVisible();
  await expect(page.getByText("$165.50 from 3 gifts over 10 days; the best day was 1 Jan 2024 with $100.")).toBeVisible();
  await page.getByText("Show the numbers as a table").click();
  const table = page.getByRole("table", { name: /^Daily gifts in USD/ });
  await expect(table.getByRole("row")).toHaveCount(11); // header + 10 days
  await expect(table.getByRole("row", { name: /^1 Jan 2024/ })).toHaveText(/1 Jan 2024\s*1\s*\$100/);
  await expect(table.getByRole("row", { name: /^3 Jan 2024/ })).toHaveText(/3 Jan 2024\s*0\s*\$0/); // fully refunded
  await expect(table.getByRole("row", { name: /^5 Jan 2024/ })).toHaveText(/5 Jan 2024\s*1\s*\$40.50/);
  await expectNoAxeViolations(page);
});

test("recent gifts are listed newest first and filtered by campaign, kind and date", async () => {
  await page.goto("/admin/gifts");
  await page.getByLabel("Campaign", { exact: true }).selectOption({ label: FIXTURE_CAMPAIGN.title });
  await page.getByRole("button", { name: "Apply" }).click();
  const rows = page.getByRole("table", { name: "Gifts, newest first" }).getByRole("row");
  await expect(rows).toHaveCount(1 + FIXTURE_GIFTS.length);
  await expect(rows.nth(1)).toContainText("Ann");
  await expect(rows.nth(1)).toContainText("$50.50");
  await expect(rows.nth(1)).toContainText("Partly refunded ($10.00)");
  await expect(rows.nth(1)).toContainText("Once");
  await expectNoAxeViolations(page);

  await page.getByLabel("From", { exact: true }).fill("2024-01-02");
  await page.getByLabel("To", { exact: true }).fill("2024-01-03");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(rows).toHaveCount(3);
  await page.getByLabel("Kind", { exact: true }).selectOption({ label: "Monthly" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("No gifts match this filter.")).toBeVisible();
});

test("gifts download as a CSV file with every matching gift", async () => {
  await page.goto("/admin/gifts");
  await page.getByLabel("Campaign", { exact: true }).selectOption({ label: FIXTURE_CAMPAIGN.title });
  await page.getByRole("button", { name: "Apply" }).click();
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download these gifts as CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("lantern-gifts-all.csv");
  const csv = fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe(
    "Paid at (UTC),Campaign,Campaign slug,Kind,Donor name,Donor email,Anonymous,Currency,Amount,Fee covered,Refunded,Net,Fee,Net after fees,Settled in,Settled amount,Settled refunds and disputes,Settled fees,Settled net,Exchange rate,Method,Reference,Void,Dedication,Dedicated to,Dispute,Embedded on,Widget,Matched,Matched by,Answers,Postal address,Stripe payment intent,Stripe invoice,Gift id",
  );
  expect(lines).toHaveLength(1 + FIXTURE_GIFTS.length);
  expect(lines[1]).toMatch(
    new RegExp(
      `^2024-01-01T00:00:00Z,${FIXTURE_CAMPAIGN.title},${FIXTURE_CAMPAIGN.slug},one-off,Ann,ann@example.org,no,USD,100.00,0.00,0.00,100.00,unknown,unknown,,,,,,,Card \\(Stripe\\),,no,,,,,,0.00,,,,pi_e2e_fixture_0,,`,
    ),
  );
  // The fixture's Stripe gifts were never given a fee: unknown, not 0.
  expect(lines[5]).toContain(",USD,50.50,0.00,10.00,40.50,unknown,unknown,");
});

test("subscribers: counts and a CSV of confirmed subscribers", async () => {
  await page.goto("/admin/subscribers");
  await expect(page.getByRole("heading", { level: 1, name: "Subscribers" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "By source" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Confirmed from", { exact: true }).fill("2024-01-01");
  await page.getByLabel("Confirmed to", { exact: true }).fill("2030-12-31");
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("lantern-confirmed-subscribers-2024-01-01-to-2030-12-31.csv");
  const csv = fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  expect(csv.split("\r\n")[0]).toBe("Email,First name,Source,Consented at (UTC),Confirmed at (UTC),Consent text");
});

test("an admin creates a campaign, with clear messages for mistakes, and the home page shows it", async () => {
  await page.goto("/admin/campaigns");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "New campaign" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New campaign" })).toBeVisible();
  await page.getByLabel("Title", { exact: true }).fill("Winter rescue fund 2026");
  await page.getByLabel("Summary", { exact: true }).fill("Safe houses and winter clothing for people crossing the border.");
  await page.getByLabel("Article", { exact: true }).fill("## Why now\n\nWinter is the **hardest** season.\n\n<script>alert(1)</script>");
  await page.getByRole("button", { name: "Preview article" }).click();
  const preview = page.getByRole("region", { name: "Article preview" });
  await expect(preview.getByRole("heading", { level: 2, name: "Why now" })).toBeVisible();
  await expect(preview.locator("strong")).toHaveText("hardest");
  await expect(preview.locator("script")).toHaveCount(0);

  await page.getByLabel("Goal", { exact: true }).fill("lots");
  await page.getByLabel("Status", { exact: true }).selectOption("active");
  await page.getByRole("button", { name: "Create campaign" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "The campaign was not saved" }); // not Next's route announcer
  await expect(alert).toContainText("The campaign was not saved");
  await expect(alert).toContainText("Goal: Enter an amount in USD such as 50000.");
  await expect(page.getByLabel("Goal", { exact: true })).toHaveAttribute("aria-invalid", "true");
  // nothing typed or chosen is lost, and focus is on the list of problems
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue("Winter rescue fund 2026");
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("active");
  await expect(alert).toBeFocused();
  await expectNoAxeViolations(page);

  await page.getByLabel("Goal", { exact: true }).fill("25,000");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Campaign created" })).toHaveText("Campaign created. It is live on the site now.");
  await expect(page.getByRole("heading", { level: 1, name: "Edit: Winter rescue fund 2026" })).toBeVisible();
  await expectNoAxeViolations(page);

  const visitor = await context.browser()!.newContext();
  const home = await visitor.newPage();
  await home.goto("/");
  await expect(home.getByRole("link", { name: "Winter rescue fund 2026" }).first()).toBeVisible();
  await home.getByRole("link", { name: "Winter rescue fund 2026" }).first().click();
  await expect(home).toHaveURL(/\/campaigns\/winter-rescue-fund-2026$/);
  await expect(home.getByRole("heading", { level: 2, name: "Why now" })).toBeVisible();
  await expect(home.getByRole("progressbar", { name: "Progress of Winter rescue fund 2026" })).toHaveAttribute("aria-valuetext", "$0 raised of $25,000 goal");

  // Closing it keeps the page (with its totals) but takes it off the home page's list.
  await page.getByLabel("Status", { exact: true }).selectOption("closed");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved" })).toHaveText("Changes saved. The public pages show them now.");
  await home.goto("/campaigns/winter-rescue-fund-2026");
  await expect(home.getByText("This campaign has closed and no longer takes gifts.")).toBeVisible();
  await home.goto("/");
  await expect(home.getByRole("link", { name: "Winter rescue fund 2026" })).toHaveCount(0);
  await visitor.close();
});

test("a web address already taken is refused with a message naming the campaign", async () => {
  await page.goto("/admin/campaigns/new");
  await page.getByLabel("Title", { exact: true }).fill("Copy");
  await page.getByLabel("Web address", { exact: true }).fill("foreign-media-in-north-korea");
  await page.getByLabel("Summary", { exact: true }).fill("A copy.");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The campaign was not saved" })).toContainText(
    "Web address: Another campaign (“Foreign Media in North Korea - How Kpop is Challenging the Regime”) already uses this web address.",
  );
});

test("signing out ends the session", async () => {
  await page.goto("/admin");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/);
  await expect(page.getByRole("status").filter({ hasText: "You have signed out" })).toHaveText("You have signed out.");
  await expectNoAxeViolations(page);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin$/);
});
