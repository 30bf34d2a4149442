/**
 * The admin on a phone: at 360 px wide no admin page scrolls sideways (wide tables scroll
 * inside their own labelled region, the nav wraps). The pages are read from the build's route
 * manifest, so a page added later is checked too.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./support/csp";
import { ADMIN_EMAIL, signInThroughMailbox } from "./support/admin-session";

const DIST_DIR = path.resolve(".next-e2e"); // playwright.config.ts builds there

/** Admin pages (not the CSV exports) from the build; [id] filled in below. */
function adminPages(): string[] {
  const routes = JSON.parse(fs.readFileSync(path.join(DIST_DIR, "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
  return [
    ...new Set(
      Object.entries(routes)
        .filter(([file, route]) => file.endsWith("/page") && (route === "/admin" || route.startsWith("/admin/")))
        .map(([, route]) => route),
    ),
  ].sort();
}

test("no admin page scrolls sideways at 360 × 640", async ({ browser }) => {
  const { context, page } = await signInThroughMailbox(browser, ADMIN_EMAIL);
  await page.setViewportSize({ width: 360, height: 640 });

  // Real ids for the pages of one campaign, one gift and one update.
  const ids: Record<string, string> = {};
  await page.goto("/admin/gifts");
  const giftHref = await page.getByRole("table", { name: "Gifts, newest first" }).getByRole("link").first().getAttribute("href");
  ids["/admin/gifts/[id]"] = giftHref!;
  // That gift's donor, for the donor's record and the owner's erase page (looked at, not used).
  await page.goto(giftHref!);
  const donorHref = (await page.getByRole("link", { name: "The donor’s record" }).getAttribute("href"))!;
  ids["/admin/donors/[id]"] = donorHref;
  ids["/admin/donors/[id]/erase"] = `${donorHref}/erase`;
  await page.goto("/admin/campaigns");
  ids["/admin/campaigns/[id]"] = (await page.locator('a[href^="/admin/campaigns/"]:not([href="/admin/campaigns/new"])').first().getAttribute("href"))!;
  // A campaign's (the general fund has no Share and embed page).
  ids["/admin/campaigns/[id]/embed"] = `${await page
    .getByRole("link", { name: /^Foreign Media in North Korea/ })
    .first()
    .getAttribute("href")}/embed`;
  const campaignPage = ids["/admin/campaigns/[id]/embed"].replace(/\/embed$/, "");
  ids["/admin/campaigns/[id]/matching"] = `${campaignPage}/matching`;
  ids["/admin/campaigns/[id]/questions"] = `${campaignPage}/questions`;
  // A match that never runs while the tests do (it starts in 2099), for the sponsor's statement page.
  await page.goto(`${campaignPage}/matching`);
  await page.getByLabel("Sponsor's name").fill("Phone Sponsor");
  await page.getByLabel(/^Cap/).fill("100");
  await page.getByLabel("Starts (UTC)").fill("2099-01-01T00:00");
  await page.getByLabel("Ends (UTC)").fill("2099-01-08T00:00");
  await page.getByRole("button", { name: "Add match" }).click();
  ids["/admin/matches/[id]"] = (await page.getByRole("link", { name: "Statement for Phone Sponsor" }).getAttribute("href"))!;
  // A gift received offline, for its correct-or-void page; voided once the pages were looked at, so
  // that it counts in no total another spec on this server reads.
  await page.goto("/admin/gifts/offline/new");
  await page.getByLabel("Paid by").selectOption({ label: "Cheque" });
  await page.getByLabel("Amount", { exact: true }).fill("1");
  await page.getByLabel("Currency").fill("USD");
  await page.getByLabel("Campaign", { exact: true }).selectOption({ label: "Foreign Media in North Korea - How Kpop is Challenging the Regime" });
  await page.getByRole("button", { name: "Record gift" }).click();
  await expect(page).toHaveURL(/\/admin\/gifts\/[0-9a-f-]{36}$/);
  const offlineGift = `/admin/gifts/offline/${new URL(page.url()).pathname.split("/").pop()}`;
  ids["/admin/gifts/offline/[id]"] = offlineGift;
  // A draft update of our own (saved on the phone-sized page), for /admin/updates/[id].
  await page.goto("/admin/updates/new");
  await page.getByLabel("Title").fill("A draft written on a phone");
  await page.getByLabel("About").selectOption({ index: 1 });
  await page.getByLabel("Update text").fill("Checking the admin fits a small screen.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Draft saved." })).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/updates\/[0-9a-f-]{36}/);
  ids["/admin/updates/[id]"] = new URL(page.url()).pathname;

  const pages = adminPages();
  expect(pages).toEqual(expect.arrayContaining(["/admin", "/admin/gifts", "/admin/gifts/[id]", "/admin/campaigns/[id]"]));
  for (const route of pages) {
    const url = route.includes("[id]") ? ids[route] : route;
    expect(url, `an example of ${route}`).toBeTruthy();
    await page.goto(url!);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    expect(scrollWidth, `${url} is ${scrollWidth}px wide`).toBeLessThanOrEqual(innerWidth);
  }
  await page.goto(offlineGift);
  const voidSection = page.getByRole("region", { name: "Void" });
  await voidSection.getByLabel("Why is it void?").fill("Recorded to check the page on a phone");
  await voidSection.getByRole("button", { name: "Void this gift" }).click();
  await expect(page.getByText(/: Recorded to check the page on a phone\. It counts in no total/)).toBeVisible();
  await context.close();
});
