/**
 * Giving from the organisation's own website (docs/embedding.md): the donate button's overlay,
 * the inline form and the progress widget on a host page served from another origin
 * (support/host-site.ts), end to end through the test checkout; what the browser refuses on a
 * site no admin allowed; the link when the script is blocked; messages from strangers ignored;
 * the keyboard; axe. Serial: the first test allows the host site through the admin.
 */
import { createHash } from "node:crypto";
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from "@playwright/test";
import { expect, test } from "./support/csp";
import { expectNoAxeViolations } from "./support/axe";
import { ADMIN_EMAIL, signInThroughMailbox } from "./support/admin-session";
import { E2E_BASE_URL } from "./support/e2e-server";
import { formatUsd, payOnCheckout, uniqueEmail } from "./support/giving";
import { HOST_SITE, HOST_SITE_PORT, hostPages, NOT_ALLOWED_SITE, startHostSite } from "./support/host-site";

const CAMPAIGN = { slug: "inside-north-korea-pandemic-era-controls", title: "Inside North Korea: People still suffer legacy of pandemic-era controls" };
const LINK_TEXT = "the pandemic campaign";
const SUCCEEDS = "4242 4242 4242 4242";

test.describe.configure({ mode: "serial" });

let hostSite: { close: () => Promise<void> } | undefined;
let admin: { context: BrowserContext; page: Page };

test.beforeAll(async () => {
  hostSite = await startHostSite(hostPages(CAMPAIGN.slug, LINK_TEXT));
});

test.afterAll(async () => {
  await admin?.context.close();
  await hostSite?.close();
});

async function adminPage(browser: Browser): Promise<Page> {
  admin ??= await signInThroughMailbox(browser, ADMIN_EMAIL);
  return admin.page;
}

async function openShareAndEmbed(page: Page): Promise<void> {
  await page.goto("/admin/campaigns");
  await page.getByRole("link", { name: CAMPAIGN.title }).first().click();
  await page.getByRole("link", { name: "Share and embed" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Share and embed: ${CAMPAIGN.title}` })).toBeVisible();
}

const buttonLink = (page: Page) => page.getByRole("link", { name: `Give to ${LINK_TEXT}`, exact: true });
const formLink = (page: Page) => page.getByRole("link", { name: `Give to ${LINK_TEXT} (form)`, exact: true });
const progressLink = (page: Page) => page.getByRole("link", { name: `See how ${LINK_TEXT} is doing`, exact: true });
const progressFrame = (page: Page) => page.frameLocator(`iframe[title="Campaign progress: See how ${LINK_TEXT} is doing"]`);
const inlineForm = (page: Page) => page.frameLocator(`iframe[title="Donation form: Give to ${LINK_TEXT} (form)"]`);
const overlay = (page: Page) => page.getByRole("dialog", { name: `Donation form: Give to ${LINK_TEXT}` });
const overlayForm = (page: Page) => page.frameLocator("dialog iframe");

/** The host page with its three widgets rendered (each frame said it is ready: its link is hidden). */
async function openHostPage(page: Page, path = "/plain.html"): Promise<void> {
  await page.goto(`${HOST_SITE}${path}`);
  await expect(progressFrame(page).getByTestId("raised")).toBeVisible();
  await expect(inlineForm(page).getByRole("button", { name: "Donate", exact: true })).toBeVisible();
  await expect(progressLink(page)).toBeHidden();
  await expect(formLink(page)).toBeHidden();
  await expect(buttonLink(page)).toBeVisible();
}

async function raisedCents(frame: FrameLocator | Locator | Page): Promise<number> {
  return Math.round(Number((await frame.getByTestId("raised").innerText()).replace(/[$,]/g, "")) * 100);
}

/** Pays in the tab Checkout opened in, up to the thank-you page. */
async function payInNewTab(page: Page, submit: () => Promise<void>, email: string): Promise<Page> {
  const opened = page.context().waitForEvent("page");
  await submit();
  const checkout = await opened;
  await payOnCheckout(checkout, { email, card: SUCCEEDS, name: "Embed Donor" });
  await expect(checkout).toHaveURL(/\/donate\/thank-you\?session_id=cs_test_/);
  return checkout;
}

test("an admin gets the snippets and allows the organisation's site: origins only", async ({ browser }) => {
  const page = await adminPage(browser);
  await openShareAndEmbed(page);
  await expect(page.getByLabel("Donate button")).toHaveValue(
    `<a href="${E2E_BASE_URL}/campaigns/${CAMPAIGN.slug}" data-lantern-embed="button">Give to ${CAMPAIGN.title}</a>\n<script async src="${E2E_BASE_URL}/embed.js"></script>`,
  );
  await expect(page.getByLabel("Embedded form")).toHaveValue(/data-lantern-embed="form"/);
  await expect(page.getByLabel("Progress widget")).toHaveValue(/data-lantern-embed="progress"/);
  await expect(page.getByLabel(/If your site sends a Content-Security-Policy/)).toHaveValue(`script-src ${E2E_BASE_URL}; frame-src ${E2E_BASE_URL}`);
  // The live preview: this site's own embed pages, in frames.
  await expect(page.frameLocator(`iframe[title="Preview: donation form for ${CAMPAIGN.title}"]`).getByRole("button", { name: /^Donate/ })).toBeVisible();
  await expect(page.frameLocator(`iframe[title="Preview: progress widget for ${CAMPAIGN.title}"]`).getByTestId("raised")).toBeVisible();
  await expect(page.getByRole("link", { name: "Share on WhatsApp" })).toHaveAttribute(
    "href",
    new RegExp(encodeURIComponent(`${E2E_BASE_URL}/campaigns/${CAMPAIGN.slug}`)),
  );

  const everyCampaign = page.getByLabel("Every campaign");
  await everyCampaign.fill(`${HOST_SITE}/blog/post`);
  await page.getByRole("button", { name: "Save sites for every campaign" }).click();
  await expect(page.getByText(/without a page path/)).toBeVisible();
  await expect(everyCampaign).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Every campaign").fill(`${HOST_SITE}/\nhttps://*.example.org`);
  await page.getByRole("button", { name: "Save sites for every campaign" }).click();
  await expect(page.getByText("Saved: 2 sites.")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.reload();
  await expect(page.getByLabel("Every campaign")).toHaveValue(`${HOST_SITE}\nhttps://*.example.org`);
});

test("embed routes may be framed by the allowed origins only; every other page by nobody", async ({ request, browser }) => {
  const embedForm = await request.get(`/embed/campaigns/${CAMPAIGN.slug}/form`);
  expect(embedForm.status()).toBe(200);
  expect(embedForm.headers()["content-security-policy"]).toContain(`frame-ancestors 'self' ${HOST_SITE} https://*.example.org;`);
  expect(embedForm.headers()["x-frame-options"]).toBeUndefined();
  const progress = await request.get(`/embed/campaigns/${CAMPAIGN.slug}/progress`);
  expect(progress.headers()["content-security-policy"]).toContain(`frame-ancestors 'self' ${HOST_SITE} https://*.example.org;`);
  // Cached like the campaign page, for a CDN as well.
  expect(progress.headers()["cache-control"]).toBe("public, max-age=0, s-maxage=1, stale-while-revalidate=1");
  for (const path of [`/campaigns/${CAMPAIGN.slug}`, "/donate", "/donate/thank-you", "/embed.js"]) {
    const response = await request.get(path);
    expect(response.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(response.headers()["x-frame-options"], path).toBe("DENY");
  }

  // The loader: short-cached at its stable address, long-cached at its versioned one, with its SRI hash.
  const loader = await request.get("/embed.js");
  expect(loader.headers()["content-type"]).toBe("text/javascript; charset=utf-8");
  expect(loader.headers()["cache-control"]).toBe("public, max-age=300");
  expect(loader.headers()["access-control-allow-origin"]).toBe("*");
  const source = await loader.body();
  const page = await adminPage(browser);
  await openShareAndEmbed(page);
  const pinned = await page.getByLabel(/The script pinned to this version/).inputValue();
  const [, versioned, integrity] = /src="[^"]*(\/embed\/loader\/[0-9a-f]{12}\.js)" integrity="(sha384-[^"]+)" crossorigin="anonymous"/.exec(pinned)!;
  expect(integrity).toBe(`sha384-${createHash("sha384").update(source).digest("base64")}`);
  const pinnedResponse = await request.get(versioned!);
  expect(pinnedResponse.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect(await pinnedResponse.body()).toEqual(source);
  expect((await request.get("/embed/loader/000000000000.js")).status()).toBe(404);
});

test("give once through the donate button's overlay: checkout in a new tab, attribution, the widget's new total, the way back", async ({ page, browser }) => {
  await openHostPage(page);
  const before = await raisedCents(progressFrame(page));
  await expectNoAxeViolations(page);

  await buttonLink(page).click();
  await expect(overlay(page)).toBeVisible();
  await expect(overlay(page).getByRole("button", { name: "Close" })).toBeFocused();
  const form = overlayForm(page);
  await form.getByRole("radio", { name: "Give once" }).check();
  await form.getByRole("radio", { name: "$25", exact: true }).check();
  await expectNoAxeViolations(page);
  const email = uniqueEmail("embed-overlay");
  const thankYou = await payInNewTab(page, () => form.getByRole("button", { name: "Donate", exact: true }).click(), email);
  await expect(form.getByText("Your secure payment page opened in a new tab.")).toBeVisible();
  await expect(thankYou.getByTestId("gift-status")).toHaveText(`Your gift of $25.00 to ${CAMPAIGN.title} has been received.`, { timeout: 15_000 });
  await expect(thankYou.getByRole("link", { name: `Back to localhost:${HOST_SITE_PORT}` })).toHaveAttribute("href", `${HOST_SITE}/plain.html`);
  await thankYou.close();

  // Back on the host page, the progress widget shows the gift.
  await page.bringToFront();
  await page.evaluate(() => window.dispatchEvent(new Event("focus")));
  await expect(progressFrame(page).getByTestId("raised")).toHaveText(formatUsd(before + 2500));

  const staff = await adminPage(browser);
  await staff.goto(`/admin/gifts?${new URLSearchParams({ via: HOST_SITE, q: email })}`);
  await expect(staff.getByRole("cell", { name: `Donate button on ${HOST_SITE}` })).toBeVisible();
  await staff.goto(`/admin/gifts?${new URLSearchParams({ via: "site", q: email })}`);
  await expect(staff.getByText("No gifts match this filter.")).toBeVisible();
  await staff.goto(`/admin/gifts?${new URLSearchParams({ via: "embed", q: email })}`);
  await staff.getByRole("link", { name: /Embed Donor/ }).click();
  await expect(staff.getByText(`Donate button on ${HOST_SITE}`)).toBeVisible();
  const csv = await (await admin.context.request.get(`/admin/exports/gifts?${new URLSearchParams({ via: HOST_SITE, q: email })}`)).text();
  expect(csv).toContain(`,${HOST_SITE},button,`);
});

test("give monthly through the inline form", async ({ page, browser }) => {
  await openHostPage(page);
  const form = inlineForm(page);
  await form.getByRole("radio", { name: "Monthly" }).check();
  await form.getByLabel("Other amount").fill("10");
  const email = uniqueEmail("embed-inline");
  const thankYou = await payInNewTab(page, () => form.getByRole("button", { name: "Donate monthly" }).click(), email);
  await expect(thankYou.getByTestId("gift-status")).toHaveText(/Your monthly gift of \$10\.00 to .* has started\./, { timeout: 15_000 });
  await thankYou.close();

  const staff = await adminPage(browser);
  await staff.goto(`/admin/gifts?${new URLSearchParams({ via: HOST_SITE, q: email })}`);
  await expect(staff.getByRole("cell", { name: `Embedded form on ${HOST_SITE}` })).toBeVisible();
  await expect(staff.getByRole("cell", { name: "Monthly", exact: true })).toBeVisible();
});

test("keyboard only: the overlay opens from the button, keeps focus inside, gives monthly, and Escape returns to the button", async ({ page, browser }) => {
  await openHostPage(page);
  await page.keyboard.press("Tab");
  await expect(buttonLink(page)).toBeFocused();
  await page.keyboard.press("Enter");
  const close = overlay(page).getByRole("button", { name: "Close" });
  await expect(close).toBeFocused();
  const form = overlayForm(page);
  await expect(form.getByRole("radio", { name: "Give once" })).toBeVisible();

  // Escape inside the frame (which the host page never sees) closes it too, back to the button.
  await page.keyboard.press("Tab");
  await expect(form.getByRole("link", { name: CAMPAIGN.title })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(overlay(page)).toBeHidden();
  await expect(buttonLink(page)).toBeFocused();

  // Focus stays in the overlay however far the reader tabs.
  await page.keyboard.press("Enter");
  await expect(close).toBeFocused();
  const focusOutside = () =>
    page.evaluate(() => {
      const active = document.activeElement;
      return active && active !== document.body && !active.closest("dialog") ? active.outerHTML.slice(0, 80) : null;
    });
  let backOnClose = 0;
  for (let step = 0; step < 25; step++) {
    await page.keyboard.press("Tab");
    expect(await focusOutside(), `focus left the overlay after ${step + 1} Tabs`).toBeNull();
    if (await close.evaluate((element) => element === document.activeElement)) backOnClose++;
  }
  expect(backOnClose, "Tab went round the overlay to its Close button").toBeGreaterThan(0);
  for (let step = 0; step < 5; step++) {
    await page.keyboard.press("Shift+Tab");
    expect(await focusOutside(), `focus left the overlay after ${step + 1} Shift+Tabs`).toBeNull();
  }
  await close.focus();
  await page.keyboard.press("Escape");
  await expect(overlay(page)).toBeHidden();
  await expect(buttonLink(page)).toBeFocused();

  // And a whole monthly gift by keyboard, once the form is in the frame again (as above: a Tab
  // pressed while the frame still loads lands on the frame itself, one stop short).
  await page.keyboard.press("Enter");
  await expect(close).toBeFocused();
  await expect(form.getByRole("radio", { name: "Give once" })).toBeVisible();
  await page.keyboard.press("Tab"); // the campaign's name
  await expect(form.getByRole("link", { name: CAMPAIGN.title })).toBeFocused();
  await page.keyboard.press("Tab"); // how often: "Give once"
  await expect(form.getByRole("radio", { name: "Give once" })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(form.getByRole("radio", { name: "Monthly" })).toBeChecked();
  await page.keyboard.press("Tab"); // the amount chosen
  await page.keyboard.press("Tab");
  await expect(form.getByLabel("Other amount")).toBeFocused();
  await page.keyboard.type("12");
  const donate = form.getByRole("button", { name: "Donate monthly" });
  for (let step = 0; step < 4 && !(await donate.evaluate((element) => element === document.activeElement)); step++) await page.keyboard.press("Tab");
  await expect(donate).toBeFocused();
  const email = uniqueEmail("embed-keyboard");
  const thankYou = await payInNewTab(page, () => page.keyboard.press("Enter"), email);
  await expect(thankYou.getByTestId("gift-status")).toHaveText(/Your monthly gift of \$12\.00 to .* has started\./, { timeout: 15_000 });
  await thankYou.close();

  const staff = await adminPage(browser);
  await staff.goto(`/admin/gifts?${new URLSearchParams({ via: HOST_SITE, q: email })}`);
  await expect(staff.getByRole("cell", { name: `Donate button on ${HOST_SITE}` })).toBeVisible();
});

test("a host page with a strict Content-Security-Policy needs only script-src and frame-src for Lantern", async ({ page }) => {
  // The csp fixture fails the test on any violation, the host page's included.
  await openHostPage(page, "/strict.html");
  await buttonLink(page).click();
  await expect(overlayForm(page).getByRole("button", { name: "Donate", exact: true })).toBeVisible();
  await overlay(page).getByRole("button", { name: "Close" }).click();
  await expect(overlay(page)).toBeHidden();
  await expect(buttonLink(page)).toBeFocused();
  await expectNoAxeViolations(page);
});

test("the script may come before the widgets' links", async ({ page }) => {
  await page.goto(`${HOST_SITE}/script-first.html`);
  await expect(progressFrame(page).getByTestId("raised")).toBeVisible();
  await expect(progressLink(page)).toBeHidden();
});

test("messages from another origin or another window are ignored", async ({ page }) => {
  await openHostPage(page);
  const heights = () => page.evaluate(() => [...document.querySelectorAll("iframe")].map((frame) => frame.style.height));
  const before = await heights();

  // The host page itself, and a page of a third origin in a frame, send look-alike messages.
  await page.evaluate(() => window.postMessage({ ns: "lantern-embed", type: "open" }, "*"));
  await page.evaluate((src) => {
    const frame = document.createElement("iframe");
    frame.src = src;
    frame.title = "Poster";
    return new Promise((resolve) => {
      frame.addEventListener("load", resolve);
      document.body.append(frame);
    });
  }, `${NOT_ALLOWED_SITE}/poster.html`);
  // A Lantern frame the loader did not make (same origin as the widgets, another window).
  await page.evaluate((src) => {
    const frame = document.createElement("iframe");
    frame.src = src;
    frame.title = "Stray Lantern frame";
    return new Promise((resolve) => {
      frame.addEventListener("load", resolve);
      document.body.append(frame);
    });
  }, `${E2E_BASE_URL}/embed/campaigns/${CAMPAIGN.slug}/progress`);
  const stray = page.frameLocator('iframe[title="Stray Lantern frame"]');
  await expect(stray.getByTestId("raised")).toBeVisible();
  await stray.locator("body").evaluate(() => {
    parent.postMessage({ ns: "lantern-embed", type: "size", height: 3 }, "*");
    parent.postMessage({ ns: "lantern-embed", type: "open" }, "*");
  });

  // Then the real progress widget asks for the form: that one opens, and only that one.
  await progressFrame(page).getByRole("link", { name: "Give" }).click();
  await expect(overlay(page).or(page.getByRole("dialog"))).toHaveCount(1);
  await expect(page.getByRole("dialog", { name: `Donation form: See how ${LINK_TEXT} is doing` })).toBeVisible();
  expect((await heights()).slice(0, before.length)).toEqual(before);
});

test.describe("on a site no admin allowed", () => {
  test.use({ cspViolationsExpected: true });

  test("the browser refuses the frames, the links stay and lead to the campaign", async ({ page }) => {
    const refusals: string[] = [];
    page.on("console", (message) => {
      if (message.text().includes("frame-ancestors")) refusals.push(message.text());
    });
    await page.goto(`${NOT_ALLOWED_SITE}/plain.html`);
    // The loader takes away the frames that never said they were ready; the links stay.
    await expect.poll(() => refusals.length).toBeGreaterThanOrEqual(2);
    await expect(page.locator("iframe")).toHaveCount(0);
    await expect(formLink(page)).toBeVisible();
    await expect(progressLink(page)).toBeVisible();

    // Framed by hand: the frame loads, and it is not Lantern's page.
    const frameUrl = await page.evaluate((src) => {
      const frame = document.createElement("iframe");
      frame.src = src;
      frame.title = "By hand";
      return new Promise<string>((resolve) => {
        frame.addEventListener("load", () => resolve("loaded"));
        document.body.append(frame);
      });
    }, `${E2E_BASE_URL}/embed/campaigns/${CAMPAIGN.slug}/progress`);
    expect(frameUrl).toBe("loaded");
    const byHand = await page.locator('iframe[title="By hand"]').elementHandle();
    const content = await byHand!.contentFrame();
    expect(content?.url() ?? "").not.toContain(`/embed/campaigns/${CAMPAIGN.slug}/progress`);
    await expect(page.frameLocator('iframe[title="By hand"]').getByTestId("raised")).toHaveCount(0);

    // The donate button tries its overlay, is refused, and follows its link.
    await buttonLink(page).click();
    await expect(page).toHaveURL(`${E2E_BASE_URL}/campaigns/${CAMPAIGN.slug}`);
    await expect(page.getByRole("heading", { level: 1, name: CAMPAIGN.title })).toBeVisible();
  });
});

test("with the script blocked the links take the reader to the campaign page", async ({ page }) => {
  await page.route(`${E2E_BASE_URL}/embed.js`, (route) => route.abort("blockedbyclient"));
  const blocked = page.waitForEvent("requestfailed", (request) => request.url() === `${E2E_BASE_URL}/embed.js`);
  await page.goto(`${HOST_SITE}/plain.html`);
  await blocked;
  await expect(page.locator("iframe")).toHaveCount(0);
  await formLink(page).click();
  await expect(page).toHaveURL(`${E2E_BASE_URL}/campaigns/${CAMPAIGN.slug}`);
  await expect(page.getByRole("heading", { level: 1, name: CAMPAIGN.title })).toBeVisible();
});
