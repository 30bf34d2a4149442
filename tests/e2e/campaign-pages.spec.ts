import { expect, test } from "./support/csp";
import { expectNoAxeViolations } from "./support/axe";
import { FIXTURE_CAMPAIGN, FIXTURE_EXPECTED, FIXTURE_GOAL_REACHED_CAMPAIGN, FIXTURE_NO_GIFTS_CAMPAIGN } from "./support/fixture-gifts";

test("the home page shows the featured campaign once, above the others, each with a cover and its progress", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  const featured = page.getByRole("region", { name: /Inside North Korea/ });
  await expect(featured.getByRole("link", { name: "Inside North Korea: People still suffer legacy of pandemic-era controls" })).toBeVisible();
  await expect(featured.getByTestId("generated-cover")).toBeVisible(); // no upload: a drawn cover, not an empty box
  const campaigns = page.getByRole("region", { name: "More campaigns" });
  await expect(campaigns.getByRole("link", { name: "Foreign Media in North Korea - How Kpop is Challenging the Regime" })).toBeVisible();
  // Not repeated in the list below it.
  await expect(campaigns.getByRole("link", { name: "Inside North Korea: People still suffer legacy of pandemic-era controls" })).toHaveCount(0);
  for (const card of await campaigns.getByRole("article").all()) await expect(card.locator("picture, [data-testid=generated-cover]")).toHaveCount(1);
  await expect(page.getByRole("progressbar", { name: "Progress of Foreign Media in North Korea - How Kpop is Challenging the Regime" }).first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a campaign page renders the article: headings, a quote with attribution", async ({ page }) => {
  await page.goto("/campaigns/inside-north-korea-pandemic-era-controls");
  await expect(page).toHaveTitle(/Inside North Korea: People still suffer legacy of pandemic-era controls/);
  await expect(page.getByRole("heading", { level: 1, name: "Inside North Korea: People still suffer legacy of pandemic-era controls" })).toBeVisible();
  const article = page.getByRole("article");
  await expect(article.getByRole("heading", { level: 2 }).first()).toBeVisible();
  expect(await article.getByRole("heading", { level: 2 }).count()).toBeGreaterThanOrEqual(3);
  await expect(article.locator("blockquote").filter({ hasText: "— Human Rights Watch" }).first()).toBeVisible();
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /pandemic-era controls/);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", "Inside North Korea: People still suffer legacy of pandemic-era controls");
  await expect(page.getByRole("complementary")).toBeVisible(); // the donation panel region
  await expectNoAxeViolations(page);
});

test("a campaign page's progress bar shows the figures of the gifts in the database", async ({ page }) => {
  await page.goto(`/campaigns/${FIXTURE_CAMPAIGN.slug}`);
  const panel = page.getByRole("complementary");
  const bar = panel.getByRole("progressbar", { name: `Progress of ${FIXTURE_CAMPAIGN.title}` });
  await expect(bar).toHaveAttribute("aria-valuenow", String(FIXTURE_EXPECTED.percent));
  await expect(bar).toHaveAttribute("aria-valuetext", `${FIXTURE_EXPECTED.raised} raised of ${FIXTURE_EXPECTED.goal} goal`);
  await expect(panel.getByText(`${FIXTURE_EXPECTED.raised}`, { exact: true })).toBeVisible();
  await expect(panel.getByText(FIXTURE_EXPECTED.donors, { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("an unknown campaign is a real 404 page", async ({ page }) => {
  const response = await page.goto("/campaigns/no-such-campaign");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the general fund has no campaign page of its own", async ({ request }) => {
  expect((await request.get("/campaigns/general-fund")).status()).toBe(404);
});

test("health, readiness, sitemap and robots answer", async ({ request }) => {
  expect(await (await request.get("/api/health")).json()).toEqual({ ok: true, db: "pglite" });
  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(ready.headers()["cache-control"]).toBe("no-store");
  expect(await ready.json()).toMatchObject({
    ready: true,
    checks: [
      { name: "database", ok: true },
      { name: "migrations", ok: true },
    ],
  });
  const sitemap = await (await request.get("/sitemap.xml")).text();
  expect(sitemap).toContain("/campaigns/foreign-media-in-north-korea");
  expect(await (await request.get("/robots.txt")).text()).toContain("Disallow: /admin");
});

const FOREIGN_MEDIA = { slug: "foreign-media-in-north-korea", title: "Foreign Media in North Korea - How Kpop is Challenging the Regime" };
const PANDEMIC = { slug: "inside-north-korea-pandemic-era-controls", title: "Inside North Korea: People still suffer legacy of pandemic-era controls" };

test("a seeded article says where and when it was first published, and speaks of LiNK by name", async ({ page }) => {
  for (const [campaign, original, date] of [
    [FOREIGN_MEDIA, "https://libertyinnorthkorea.org/blog/foreign-media-in-north-korea-how-kpop-is-challenging-the-regime", "April 22, 2022"],
    [PANDEMIC, "https://libertyinnorthkorea.org/blog/inside-north-korea-people-still-suffer-legacy-of-pandemic-era-controls", "June 20, 2025"],
  ] as const) {
    await page.goto(`/campaigns/${campaign.slug}`);
    const line = page.getByTestId("first-published");
    await expect(line).toHaveText(`First published by Liberty in North Korea (LiNK) on ${date}.`);
    await expect(line.getByRole("link", { name: "Liberty in North Korea (LiNK)" })).toHaveAttribute("href", original);
    const article = page.getByRole("article");
    // Captions of photographs the site does not have are left out, and so are LiNK's "our" lines.
    await expect(article.getByText(/Photo credit|Photo: Reuters|Map of 6 areas/)).toHaveCount(0);
    await expect(article.getByText(/our area of work|Our North Korean friend|Join us/)).toHaveCount(0);
  }
  await expect(page.getByRole("article").locator("blockquote").filter({ hasText: "— Liberty in North Korea (LiNK), June 2025" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("on a wide screen the giving panel stays in view to the end of the article, which calls for a gift to this campaign", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/campaigns/${FOREIGN_MEDIA.slug}`);
  const panel = page.getByRole("complementary");
  const donate = panel.getByRole("button", { name: "Donate", exact: true });
  const giveCall = page.getByRole("article").getByRole("link", { name: "Give to this campaign" });
  await giveCall.scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(2_000); // a long article, scrolled to its end
  const inView = async (element: typeof panel) => {
    const box = (await element.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(800);
  };
  await inView(panel.locator(":scope > div")); // the whole panel
  await inView(panel.getByRole("heading", { name: "Support this campaign" }));
  await inView(panel.getByRole("progressbar"));
  // Taller than the screen, the panel scrolls within itself: its button comes into view without leaving the article's end.
  const articleEnd = await page.evaluate(() => window.scrollY);
  await donate.scrollIntoViewIfNeeded();
  await inView(donate);
  expect(await page.evaluate(() => window.scrollY)).toBe(articleEnd);
  // One donation form on the page, and one sign-up form (the footer's would repeat the article's).
  await expect(page.getByRole("button", { name: /^Donate/ })).toHaveCount(1);
  await expect(page.getByRole("form", { name: /Hear what happens next|Email updates/ })).toHaveCount(1);

  await giveCall.click();
  await expect(page).toHaveURL(new RegExp(`/campaigns/${FOREIGN_MEDIA.slug}#give$`));
  await expect(panel).toBeFocused();
  await panel.getByRole("radio", { name: "$50", exact: true }).check();
  await donate.click();
  await expect(page).toHaveURL(/\/stripe-emulator\/checkout\//);
  await expect(page.getByText(FOREIGN_MEDIA.title).first()).toBeVisible();
});

test("on a phone the Give button rides along, takes the reader to the panel, and Back returns them", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/campaigns/${PANDEMIC.slug}`);
  await page.getByRole("heading", { level: 2, name: "Starvation and Food Insecurity" }).scrollIntoViewIfNeeded();
  const readingAt = await page.evaluate(() => window.scrollY);
  expect(readingAt).toBeGreaterThan(1_000);
  const give = page.getByRole("link", { name: "Give to this campaign" });
  await expect(give).toBeInViewport(); // stuck to the bottom of the screen while reading
  await give.click();
  const panel = page.getByRole("complementary");
  await expect(panel).toBeFocused();
  await expect(panel.getByRole("heading", { name: "Support this campaign" })).toBeInViewport();
  await expect(panel.getByRole("link", { name: "Back to the article" })).toBeVisible();
  await page.goBack();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(readingAt);
  await expectNoAxeViolations(page);
});

test("the header's Give goes to the campaign being read, and to the general fund elsewhere", async ({ page }) => {
  await page.goto(`/campaigns/${FOREIGN_MEDIA.slug}`);
  const headerGive = page.getByRole("banner").getByRole("link", { name: "Give", exact: true });
  await expect(headerGive).toHaveAttribute("href", `/campaigns/${FOREIGN_MEDIA.slug}#give`);
  await headerGive.click();
  await expect(page.getByRole("complementary")).toBeFocused();
  // Moving on without a full page load resets the link.
  await page
    .getByRole("banner")
    .getByRole("link", { name: /^Lantern/ })
    .click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(FOREIGN_MEDIA.title);
  await expect(headerGive).toHaveAttribute("href", "/donate");
  await page.goto("/privacy");
  await expect(headerGive).toHaveAttribute("href", "/donate");
});

test("supporters: a name and amount, or Anonymous with no amount; the goal reached and still taking gifts", async ({ page }) => {
  await page.goto(`/campaigns/${FIXTURE_GOAL_REACHED_CAMPAIGN.slug}`);
  const supporters = page.getByRole("region", { name: "Recent supporters" }).getByRole("listitem");
  await expect(supporters).toHaveCount(2);
  await expect(supporters.nth(0)).toHaveText(/^Anonymous\s*on February 3, 2024$/);
  await expect(supporters.nth(0)).not.toContainText("$");
  await expect(supporters.nth(0)).not.toContainText("Ben");
  await expect(supporters.nth(1)).toHaveText(/^Ann\s*\$120 · on February 1, 2024$/);
  const panel = page.getByRole("complementary");
  await expect(panel.getByTestId("goal-reached")).toContainText("Goal reached");
  const milestones = panel.getByRole("list", { name: "Milestones" }).getByRole("listitem");
  // $120 on February 1 passed both marks of a $100 goal.
  await expect(milestones.nth(0)).toHaveText(/50% reached on Feb 1, 2024$/);
  await expect(milestones.nth(1)).toHaveText(/Goal reached on Feb 1, 2024$/);
  await expect(panel.getByRole("button", { name: "Donate", exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a campaign with no gifts invites the first one", async ({ page }) => {
  await page.goto(`/campaigns/${FIXTURE_NO_GIFTS_CAMPAIGN.slug}`);
  const panel = page.getByRole("complementary");
  await expect(panel.getByTestId("donors")).toHaveText("Be the first to give");
  await expect(page.getByText(/\b0 donors\b/)).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Recent supporters" })).toHaveCount(0);
  await expect(panel.getByRole("list", { name: "Milestones" }).getByRole("listitem")).toHaveText([/50% at \$500$/, /Goal at \$1,000$/]);
  await expectNoAxeViolations(page);
});
