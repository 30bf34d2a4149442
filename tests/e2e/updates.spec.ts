import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { ADMIN_EMAIL, signInThroughMailbox } from "./support/admin-session";
import { expectNoAxeViolations } from "./support/axe";
import { mailbox, waitForEmail } from "./support/mailbox";

/*
 * Updates from end to end: a reader subscribes on a campaign page and confirms; an admin writes
 * and publishes an update to that campaign's subscribers; it shows on the campaign page and in
 * the Atom feed, and the delivery worker inside `next start` puts it in the reader's dev
 * mailbox; the reader unsubscribes from the email's link, and a second update no longer reaches
 * them (while a reader who stayed does get it).
 */
test.describe.configure({ mode: "serial" });

const CAMPAIGN = { slug: "foreign-media-in-north-korea", title: "Foreign Media in North Korea - How Kpop is Challenging the Regime" };
const LEAVER = "update-leaver@example.org";
const STAYER = "update-stayer@example.org";
const FIRST = { title: "Radios reached three more towns", body: "Thanks to you, **three more towns** can listen in.\n\nWe will report again next month." };
const SECOND = { title: "A second report from the border", body: "The second update, for readers still subscribed." };

let admin: { context: BrowserContext; page: Page };

function hrefOf(html: string, pattern: RegExp): string {
  const href = pattern.exec(html)?.[1];
  if (!href) throw new Error(`no link matching ${pattern} in the email`);
  const url = new URL(href.replace(/&amp;/g, "&"));
  return `${url.pathname}${url.search}`;
}

async function subscribeOnCampaignPage(page: Page, email: string): Promise<void> {
  await page.goto(`/campaigns/${CAMPAIGN.slug}`);
  const form = page.getByRole("main").getByRole("form", { name: "Hear what happens next" });
  await form.getByLabel("Email").fill(email);
  await form.getByRole("button", { name: "Subscribe", exact: true }).click();
  await expect(form.getByRole("status")).toHaveText("Almost there — check your inbox to confirm.");
  const confirmation = await waitForEmail(email, /^Confirm your subscription to /);
  await page.goto(hrefOf(confirmation.html, /href="([^"]*\/subscribe\/confirm\?token=[^"]+)"/));
  await page.getByRole("button", { name: "Confirm my subscription" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "You're subscribed" })).toBeVisible();
}

async function writeAndPublish(page: Page, update: { title: string; body: string }, audience: RegExp): Promise<void> {
  await page.goto("/admin/updates");
  await page.getByRole("link", { name: "Write an update" }).click();
  await page.getByLabel("Title").fill(update.title);
  await page.getByLabel("About").selectOption({ label: CAMPAIGN.title });
  await page.getByLabel("Update text").fill(update.body);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("region", { name: "Preview" }).getByText(update.body.split("\n")[0]!.replace(/\*\*/g, "").slice(0, 20))).toBeVisible();
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Draft saved. Nobody has seen it yet." })).toBeVisible();
  await expectNoAxeViolations(page);

  // The form starts on the largest audience, never one of 0 people while subscribers exist, and says whom each reaches.
  const everyone = page.getByRole("radio", { name: /^All confirmed subscribers \((\d+) (person|people)\)$/ });
  await expect(everyone).toBeChecked();
  const everyoneLabel = await everyone.evaluate((input) => input.closest("label")?.textContent ?? "");
  expect(Number(/\((\d+) /.exec(everyoneLabel)?.[1])).toBeGreaterThan(0);
  await expect(everyone).toHaveAccessibleDescription(/wherever they signed up/);

  // Publishing without the confirmation tick is refused, and nothing is sent.
  await page.getByRole("radio", { name: audience }).check();
  await page.getByRole("button", { name: "Publish and email" }).click();
  await expect(page.getByRole("region", { name: "Publish" }).getByRole("alert")).toHaveText("Tick the box to confirm you want to email them now.");

  await page.getByRole("radio", { name: audience }).check();
  await page.getByRole("checkbox", { name: /I want to publish this update on the site and email it now/ }).check();
  await page.getByRole("button", { name: "Publish and email" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Published\. \d+ emails? (is|are) on their way\.$/ })).toBeVisible();
}

test.beforeAll(async ({ browser }) => {
  admin = await signInThroughMailbox(browser, ADMIN_EMAIL);
});

test.afterAll(async () => {
  await admin?.context.close();
});

test("an admin publishes an update to a campaign's subscribers; it is on the page, in the feed and in their inbox", async ({ page }) => {
  await subscribeOnCampaignPage(page, LEAVER);
  await subscribeOnCampaignPage(page, STAYER);

  // The audience shows how many people it is before anything is sent.
  await writeAndPublish(admin.page, FIRST, /^Only subscribers from .* \(\d+ (person|people)\)$/);

  await page.goto(`/campaigns/${CAMPAIGN.slug}`);
  const updates = page.getByRole("region", { name: "Updates" });
  await expect(updates.getByRole("heading", { level: 3, name: FIRST.title })).toBeVisible();
  await expect(updates.getByText("three more towns", { exact: true })).toBeVisible();
  await expect(page.locator('head link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute("href", /\/updates\/feed\.xml$/);
  await expectNoAxeViolations(page);

  const feed = await page.request.get("/updates/feed.xml");
  expect(feed.headers()["content-type"]).toContain("application/atom+xml");
  const xml = await feed.text();
  expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
  expect(xml).toContain(`${CAMPAIGN.title}: ${FIRST.title}`);

  await page.goto("/updates");
  await expect(page.getByRole("heading", { level: 2, name: FIRST.title })).toBeVisible();

  const email = await waitForEmail(LEAVER, FIRST.title);
  expect(email.html).toContain("three more towns");
  await waitForEmail(STAYER, FIRST.title);

  // The admin sees the delivery figures once the worker has sent them.
  await expect(async () => {
    await admin.page.reload();
    const sent = admin.page.locator("dt", { hasText: /^Sent$/ }).locator("xpath=following-sibling::dd");
    expect(Number(await sent.textContent())).toBeGreaterThanOrEqual(2);
  }).toPass({ timeout: 30_000 });
  await expectNoAxeViolations(admin.page);
});

test("a reader who follows the unsubscribe link in the email does not get the next update", async ({ page }) => {
  const email = await waitForEmail(LEAVER, FIRST.title);
  await page.goto(hrefOf(email.html, /href="([^"]*\/unsubscribe\?token=[^"]+)"/));
  await page.getByRole("form", { name: "Unsubscribe from email updates" }).getByRole("button", { name: "Unsubscribe", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("You're unsubscribed. You will not get any more updates from us.");

  await writeAndPublish(admin.page, SECOND, /^Only subscribers from /);
  await waitForEmail(STAYER, SECOND.title);
  // The stayer's copy arrived, so the worker has been through the batch: the leaver's never will.
  expect(mailbox(LEAVER).some((message) => message.subject === SECOND.title)).toBe(false);
  const leaverMail = mailbox(LEAVER);
  expect(leaverMail.filter((message) => message.subject === FIRST.title)).toHaveLength(1);
});
