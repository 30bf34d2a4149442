/**
 * No dead ends in the first minute (issue 19, part B): a donor always finds "Manage your giving"
 * (footer, thank-you page, receipt email and page), none of those pages scrolls sideways on a
 * 360 px phone, a reader unsubscribes without an update email at hand, and the admin is its own
 * place (no public footer, sign-up form or "Give" button).
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./support/csp";
import { expectNoAxeViolations } from "./support/axe";
import { ADMIN_EMAIL, signInThroughMailbox } from "./support/admin-session";
import { mailbox, payOnCheckout, uniqueEmail, waitForMail } from "./support/giving";
import { waitForEmail } from "./support/mailbox";

const CAMPAIGN = { slug: "inside-north-korea-pandemic-era-controls" };
const PHONE = { width: 360, height: 640 };

// Each test is a whole journey (checkout, emails, several pages): more than the default minute on a busy machine.
test.describe.configure({ timeout: 180_000 });

async function expectNoSidewaysScroll(page: Page, what: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${what} is ${scrollWidth}px wide at ${innerWidth}px`).toBeLessThanOrEqual(innerWidth);
}

/** An email's link (absolute, on this server), as a path to open here. */
function linkIn(html: string, pattern: RegExp): string {
  const href = pattern.exec(html)?.[1]?.replace(/&amp;/g, "&");
  expect(href, `a link matching ${pattern}`).toBeTruthy();
  const url = new URL(href!);
  return `${url.pathname}${url.search}`;
}

test("a monthly donor on a 360 px phone: thank-you, receipt and giving page fit the screen and all lead to Manage your giving", async ({ page }) => {
  const email = uniqueEmail("phone-donor");
  await page.goto(`/campaigns/${CAMPAIGN.slug}`);
  // The footer links the giving page on every public page.
  await expect(page.getByRole("contentinfo").getByRole("link", { name: "Manage your giving" })).toHaveAttribute("href", "/donate/manage");
  const panel = page.getByRole("complementary");
  await panel.getByRole("radio", { name: "Monthly" }).check();
  await panel.getByLabel("Other amount").fill("12");
  await panel.getByRole("button", { name: "Donate monthly" }).click();
  await payOnCheckout(page, { email, card: "4242 4242 4242 4242", name: "Phone Donor With A Rather Long Name" });
  await expect(page.getByTestId("gift-status")).toContainText("has started", { timeout: 15_000 });

  await page.setViewportSize(PHONE);
  await expect(page.getByRole("main").getByRole("link", { name: "Manage your giving" })).toHaveAttribute("href", "/donate/manage");
  await expectNoSidewaysScroll(page, "the thank-you page");
  await expectNoAxeViolations(page);

  const [receipt] = await waitForMail(email, 1);
  expect(receipt!.text).toContain("Manage monthly giving");
  await page.goto(linkIn(receipt!.html, /href="([^"]*\/receipts\/[^"]+)"/));
  await expect(page.getByRole("heading", { level: 1, name: "Gift receipt" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "Manage your giving" })).toHaveAttribute("href", "/donate/manage");
  await expectNoSidewaysScroll(page, "the receipt page");
  await expectNoAxeViolations(page);

  await page.goto(linkIn(receipt!.html, /href="([^"]*\/donate\/manage\?token=[^"]+)"/));
  await expect(page.getByRole("heading", { level: 2, name: "Monthly and yearly gifts" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel monthly gift" })).toBeVisible();
  await expectNoSidewaysScroll(page, "the giving page");
  await expectNoAxeViolations(page);
  // The first step of cancelling fits too.
  await page.getByRole("button", { name: "Cancel monthly gift" }).click();
  await expect(page.getByRole("button", { name: "Yes, cancel my monthly gift" })).toBeVisible();
  await expectNoSidewaysScroll(page, "the giving page's cancel step");

  await page.goto("/donate/manage");
  await expect(page.getByRole("button", { name: "Email me a link" })).toBeVisible();
  await expectNoSidewaysScroll(page, "the giving page's link form");
});

test("a one-off receipt links Manage your giving", async ({ page }) => {
  const email = uniqueEmail("one-off-receipt");
  await page.goto(`/campaigns/${CAMPAIGN.slug}`);
  const panel = page.getByRole("complementary");
  await panel.getByRole("radio", { name: "Give once" }).check();
  await panel.getByLabel("Other amount").fill("9");
  await panel.getByRole("button", { name: "Donate", exact: true }).click();
  await payOnCheckout(page, { email, card: "4242 4242 4242 4242", name: "Once Donor" });
  const [receipt] = await waitForMail(email, 1);
  expect(receipt!.subject).toBe("Receipt for your gift of $9.00");
  expect(linkIn(receipt!.html, /href="([^"]*\/donate\/manage)"/)).toBe("/donate/manage");
});

test("a reader without an update email at hand unsubscribes by email: same answer for every address, the link only to a subscriber", async ({ browser }) => {
  // Its own client address (the server trusts one proxy hop): the sign-up limits count this test alone.
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": `198.51.100.${Math.floor(Math.random() * 250) + 1}` } });
  const page = await context.newPage();
  const reader = uniqueEmail("unsubscribe-by-email");
  const stranger = uniqueEmail("not-a-reader");
  await page.goto("/about");
  const footer = page.getByRole("contentinfo").getByRole("form", { name: "Email updates" });
  await footer.getByLabel("Email").fill(reader);
  await footer.getByRole("button", { name: "Subscribe", exact: true }).click();
  const confirmation = await waitForEmail(reader, /^Confirm your subscription to /);
  // The confirmation email has a way out too.
  expect(confirmation.html).toMatch(/href="http[^"]*\/unsubscribe\?token=[^"]+"/);
  await page.goto(linkIn(confirmation.html, /href="([^"]*\/subscribe\/confirm\?token=[^"]+)"/));
  await page.getByRole("button", { name: "Confirm my subscription" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "You're subscribed" })).toBeVisible();

  await page.setViewportSize(PHONE);
  await page.goto("/unsubscribe");
  await expect(page.getByRole("heading", { level: 1, name: "Unsubscribe from email updates" })).toBeVisible();
  await expectNoSidewaysScroll(page, "the unsubscribe page");
  await expectNoAxeViolations(page);
  const ask = async (address: string) => {
    await page.goto("/unsubscribe");
    await page.getByLabel("Your email address").fill(address);
    await page.getByRole("button", { name: "Email me an unsubscribe link" }).click();
    const answer = page.getByRole("main").getByRole("status").filter({ hasText: "Thank you." });
    await expect(answer).toBeVisible();
    return answer.innerText();
  };
  const toStranger = await ask(stranger);
  expect(await ask(reader.toUpperCase())).toBe(toStranger);
  await expectNoAxeViolations(page);

  // The reader's link arrives (so the sending after both answers is done); the stranger gets nothing.
  const link = await waitForEmail(reader, /^Unsubscribe from /);
  expect(mailbox(stranger)).toEqual([]);
  await page.goto(linkIn(link.html, /href="([^"]*\/unsubscribe\?token=[^"]+)"/));
  const unsubscribe = page.getByRole("form", { name: "Unsubscribe from email updates" });
  await unsubscribe.getByRole("button", { name: "Unsubscribe", exact: true }).click();
  await expect(unsubscribe.getByRole("status")).toHaveText("You're unsubscribed. You will not get any more updates from us.");

  // Asking again for an address no longer on the list answers the same and sends nothing more.
  expect(await ask(reader)).toBe(toStranger);
  const asked = mailbox(reader).length;
  await page.goto("/unsubscribe?token=not-a-token");
  await expect(page.getByRole("heading", { level: 1, name: "This unsubscribe link is not valid" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Email me an unsubscribe link" })).toBeVisible();
  expect(mailbox(reader)).toHaveLength(asked);
  await context.close();
});

test("the admin is its own place: no public footer, sign-up form or Give button, and its lists fit a 360 px phone", async ({ browser }) => {
  const { context, page } = await signInThroughMailbox(browser, ADMIN_EMAIL);
  await page.goto("/about");
  await expect(page.getByRole("contentinfo")).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: "Give", exact: true })).toBeVisible();

  await page.setViewportSize(PHONE);
  for (const path of ["/admin", "/admin/gifts", "/admin/subscribers", "/admin/updates", "/admin/campaigns"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("contentinfo")).toHaveCount(0);
    await expect(page.getByRole("form", { name: "Email updates" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Give", exact: true })).toHaveCount(0);
    await expectNoSidewaysScroll(page, path);
  }
  await page.goto("/admin/gifts");
  await expect(page.getByRole("table", { name: "Gifts, newest first" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Back on the site (a client-side navigation would keep the slots, a full load too): the public frame returns.
  // (The home and campaign pages carry their own sign-up form, so the footer's is looked for on /about.)
  await page.goto("/about");
  await expect(page.getByRole("contentinfo").getByRole("form", { name: "Email updates" })).toBeVisible();
  await context.close();
});
