/**
 * The first minute on a campaign page: the Donate button in reach on laptop screens without
 * scrolling the panel, the point of the page (progress and a way to give) in a phone's first
 * screen, no public page wider than a 360 px phone, two interactions to Checkout for a preset
 * gift, one gentle "Make it monthly" suggestion, and Checkout's own words ("Donate", a monthly gift).
 *
 * FIRST_MINUTE_SCREENSHOTS=<folder> also saves a screenshot of each size's first screen there.
 */
import fs from "node:fs";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support/csp";
import { expectNoAxeViolations } from "./support/axe";
import { FIXTURE_NO_GIFTS_CAMPAIGN } from "./support/fixture-gifts";
import { openMoreOptions, payOnCheckout, uniqueEmail } from "./support/giving";

const CAMPAIGN = { slug: "foreign-media-in-north-korea", title: "Foreign Media in North Korea - How Kpop is Challenging the Regime" };
const LAPTOPS = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
];
const PHONES = [
  { width: 390, height: 844 },
  { width: 360, height: 640 },
];

/** Wholly inside the window, with no scrolling of its own container needed. */
async function expectWithinViewport(page: Page, element: Locator) {
  const box = await element.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, "the element is rendered").not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
}

async function screenshot(page: Page, name: string) {
  const folder = process.env.FIRST_MINUTE_SCREENSHOTS;
  if (!folder) return;
  fs.mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: path.join(folder, `${name}.png`) });
}

for (const size of LAPTOPS) {
  test(`at ${size.width}×${size.height} the amounts, frequency and Donate button are in view without scrolling the panel, also 80% down the article`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await page.goto(`/campaigns/${CAMPAIGN.slug}`);
    const panel = page.getByRole("complementary");
    const donate = panel.getByRole("button", { name: "Donate", exact: true });
    await expect(donate).toBeVisible();
    await screenshot(page, `campaign-${size.width}x${size.height}`);
    for (const control of [
      panel.getByRole("radio", { name: "Give once" }),
      panel.getByRole("radio", { name: "Monthly" }),
      panel.getByRole("radio", { name: "$25", exact: true }),
      panel.getByRole("radio", { name: "$250", exact: true }),
      donate,
    ]) {
      await expectWithinViewport(page, control);
    }
    // The panel does not need its own scroll bar in its default state.
    const scroller = panel.locator(":scope > div");
    expect(await scroller.evaluate((element) => element.scrollHeight - element.clientHeight)).toBeLessThanOrEqual(1);
    // The chosen amount's impact line, set on the campaign.
    await expect(panel.getByText("$50 · a month of radio broadcasts")).toBeVisible();

    await page.evaluate(() => {
      const article = document.getElementById("article")!.getBoundingClientRect();
      window.scrollTo(0, window.scrollY + article.top + article.height * 0.8 - window.innerHeight / 2);
    });
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(2_000);
    await expectWithinViewport(page, donate);
    await expectWithinViewport(page, panel.getByRole("progressbar"));
  });
}

for (const size of PHONES) {
  test(`at ${size.width}×${size.height} the first screen has the title, cover, progress and the Give bar; the Donate button is in view at the panel`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await page.goto(`/campaigns/${CAMPAIGN.slug}`);
    await screenshot(page, `campaign-${size.width}x${size.height}`);
    await expectWithinViewport(page, page.getByRole("heading", { level: 1, name: CAMPAIGN.title }));
    const summary = page.getByTestId("phone-summary");
    await expectWithinViewport(page, summary.getByRole("progressbar", { name: `Progress of ${CAMPAIGN.title}` }));
    await expectWithinViewport(page, summary.getByTestId("raised"));
    await expectWithinViewport(page, summary.getByTestId("donors"));
    // The Give bar rides along at the bottom of the screen from the first screen on, as before.
    const give = page.getByRole("link", { name: "Give to this campaign" });
    await expectWithinViewport(page, give);
    // The cover is in the first screen too (a drawn one: the seeded campaigns have no upload).
    await expectWithinViewport(page, page.getByTestId("generated-cover").first());
    // The article comes after all that.
    const articleText = (await page.locator("#article .prose").boundingBox())!;
    const progress = (await summary.boundingBox())!;
    expect(articleText.y).toBeGreaterThan(progress.y + progress.height);

    await give.click();
    const panel = page.getByRole("complementary");
    await expect(panel).toBeFocused();
    await screenshot(page, `panel-${size.width}x${size.height}`);
    await expectWithinViewport(page, panel.getByRole("button", { name: "Donate", exact: true }));
    await expectNoAxeViolations(page);
  });
}

test("no public page is wider than a 360 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 640 });
  for (const address of ["/", `/campaigns/${CAMPAIGN.slug}`, "/campaigns/inside-north-korea-pandemic-era-controls", "/donate", "/updates", "/about"]) {
    await page.goto(address);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${address} is ${width} px wide`).toBeLessThanOrEqual(360);
  }
  await page.goto("/");
  await screenshot(page, "home-360x640");
  await expectNoAxeViolations(page);
});

test("a preset one-off gift takes two interactions from landing to Checkout, and Checkout says Donate", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`/campaigns/${CAMPAIGN.slug}`);
  const panel = page.getByRole("complementary");
  const amount = panel.getByRole("radio", { name: "$25", exact: true });
  const donate = panel.getByRole("button", { name: "Donate", exact: true });
  // Both in view as the page opens: no scrolling in between, of the page or of the panel.
  await expectWithinViewport(page, amount);
  await expectWithinViewport(page, donate);
  await amount.check(); // 1
  await expect(page.getByRole("group", { name: "Make it monthly" })).toBeVisible(); // a suggestion, never in the way
  await donate.click(); // 2
  await expect(page).toHaveURL(/\/stripe-emulator\/checkout\//);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Donate to /);
  await expect(page.getByRole("button", { name: "Donate", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Pay" })).toHaveCount(0);
});

test("a one-off donor sees one dismissible 'Make it monthly' suggestion; taking it switches to monthly", async ({ page }) => {
  await page.goto(`/campaigns/${CAMPAIGN.slug}`);
  const panel = page.getByRole("complementary");
  await panel.getByRole("radio", { name: "Give once" }).check();
  const suggestion = panel.getByRole("group", { name: "Make it monthly" });
  await expect(suggestion).toContainText("$50 a month gives steady support.");
  await expectNoAxeViolations(page);
  await suggestion.getByRole("button", { name: "Make it monthly" }).click();
  await expect(panel.getByRole("radio", { name: "Monthly" })).toBeChecked();
  await expect(panel.getByRole("button", { name: "Donate monthly" })).toBeVisible();
  await expect(suggestion).toHaveCount(0);
  // Offered once: back to one-off, it does not come back.
  await panel.getByRole("radio", { name: "Give once" }).check();
  await expect(panel.getByRole("button", { name: "Donate", exact: true })).toBeVisible();
  await expect(suggestion).toHaveCount(0);

  // Dismissed on a fresh visit: gone, and the gift stays one-off.
  await page.reload();
  await panel.getByRole("radio", { name: "$100", exact: true }).check();
  await panel.getByRole("group", { name: "Make it monthly" }).getByRole("button", { name: "No thanks, keep it one-off" }).click();
  await expect(panel.getByRole("group", { name: "Make it monthly" })).toHaveCount(0);
  await expect(panel.getByRole("radio", { name: "Give once" })).toBeChecked();
  await panel.getByRole("radio", { name: "$25", exact: true }).check();
  await expect(panel.getByRole("group", { name: "Make it monthly" })).toHaveCount(0);
});

test("a monthly gift's Checkout names it a monthly gift and says Donate, not Subscribe", async ({ page }) => {
  await page.goto(`/campaigns/${CAMPAIGN.slug}`);
  const panel = page.getByRole("complementary");
  await panel.getByRole("radio", { name: "Monthly" }).check();
  await panel.getByRole("radio", { name: "$25", exact: true }).check();
  await panel.getByRole("button", { name: "Donate monthly" }).click();
  await expect(page).toHaveURL(/\/stripe-emulator\/checkout\//);
  await expect(page.getByText(/Subscribe/)).toHaveCount(0);
  await expect(page.getByText(`Monthly gift to ${CAMPAIGN.title}`, { exact: true })).toBeVisible();
  const donate = page.getByRole("button", { name: "Donate", exact: true });
  await expect(donate).toHaveAccessibleDescription(
    `This is a monthly gift of $25.00 to ${CAMPAIGN.title}, until you cancel. Change or cancel it at any time from the link in your receipt.`,
  );
  await payOnCheckout(page, { email: uniqueEmail("monthly-words"), card: "4242 4242 4242 4242" });
  await expect(page).toHaveURL(/\/donate\/thank-you\?session_id=cs_test_/);
});

test("a campaign can start its form on Monthly; a donor can still give once", async ({ page }) => {
  await page.goto(`/campaigns/${FIXTURE_NO_GIFTS_CAMPAIGN.slug}`);
  const panel = page.getByRole("complementary");
  await expect(panel.getByRole("radio", { name: "Monthly" })).toBeChecked();
  await expect(panel.getByRole("button", { name: "Donate monthly" })).toBeVisible();
  await expect(panel.getByText("$25.00 each month, until you cancel.")).toBeVisible();
  await expect(panel.getByRole("group", { name: "Make it monthly" })).toHaveCount(0);
  await panel.getByRole("radio", { name: "Give once" }).check();
  await expect(panel.getByRole("button", { name: "Donate", exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the panel still gives: the impact line follows the chosen amount, More options opens, and Donate reaches Checkout", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`/campaigns/${CAMPAIGN.slug}`);
    const panel = page.getByRole("complementary");
    await expect(panel.getByText("$50 · a month of radio broadcasts")).toBeVisible();
    await panel.getByRole("radio", { name: "$25", exact: true }).check();
    await expect(panel.getByText("$25 · a USB drive of films, music and news")).toBeVisible();
    await expect(panel.getByText("$50 · a month of radio broadcasts")).toBeHidden();
    await expect(panel.getByRole("group", { name: "Make it monthly" })).toHaveCount(0); // it needs script to act
    await openMoreOptions(panel);
    await panel.getByRole("checkbox", { name: /Give anonymously/ }).check();
    await panel.getByRole("button", { name: "Donate", exact: true }).click();
    await expect(page).toHaveURL(/\/stripe-emulator\/checkout\//);
    await expect(page.getByText("$25.00").first()).toBeVisible();
  });
});
