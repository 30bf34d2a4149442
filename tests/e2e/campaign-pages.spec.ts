import { expect, test } from "./support/csp";
import { expectNoAxeViolations } from "./support/axe";
import { FIXTURE_CAMPAIGN, FIXTURE_EXPECTED } from "./support/fixture-gifts";

test("the home page lists both founding campaigns with their progress", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  const campaigns = page.getByRole("region", { name: "All campaigns" });
  await expect(campaigns.getByRole("link", { name: "Foreign Media in North Korea - How Kpop is Challenging the Regime" })).toBeVisible();
  await expect(campaigns.getByRole("link", { name: "Inside North Korea: People still suffer legacy of pandemic-era controls" })).toBeVisible();
  await expect(page.getByRole("region", { name: /Inside North Korea/ })).toBeVisible(); // the featured campaign
  await expect(page.getByRole("progressbar", { name: "Progress of Foreign Media in North Korea - How Kpop is Challenging the Regime" }).first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a campaign page renders the article: headings, a quote with attribution, captions", async ({ page }) => {
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

test("health, sitemap and robots answer", async ({ request }) => {
  expect(await (await request.get("/api/health")).json()).toEqual({ ok: true, db: "pglite" });
  const sitemap = await (await request.get("/sitemap.xml")).text();
  expect(sitemap).toContain("/campaigns/foreign-media-in-north-korea");
  expect(await (await request.get("/robots.txt")).text()).toContain("Disallow: /admin");
});
