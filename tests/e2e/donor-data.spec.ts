import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/csp";
import { expectNoAxeViolations } from "./support/axe";
import { payOnCheckout, uniqueEmail, waitForMail } from "./support/giving";
import { waitForEmail } from "./support/mailbox";
import { ADMIN_EMAIL, signInThroughMailbox } from "./support/admin-session";

const CAMPAIGN = { slug: "inside-north-korea-pandemic-era-controls", title: "Inside North Korea: People still suffer legacy of pandemic-era controls" };
const NAME = "Hyejin Forgetful";

/** Clicks a download link and returns what was downloaded, as text. */
async function download(page: Page, name: string): Promise<{ filename: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
  return { filename: file.suggestedFilename(), text: fs.readFileSync((await file.path())!, "utf8") };
}

test("a donor downloads their data, asks to be forgotten and confirms; the receipt's link then shows nothing of theirs", async ({ page }) => {
  const email = uniqueEmail("forget-me");

  // A monthly gift: its receipt carries the never-expiring link to the giving page.
  await page.goto(`/campaigns/${CAMPAIGN.slug}`);
  const panel = page.getByRole("complementary");
  await panel.getByRole("radio", { name: "Monthly" }).check();
  await panel.getByLabel("Other amount").fill("12");
  await panel.getByRole("button", { name: "Donate monthly" }).click();
  await payOnCheckout(page, { email, card: "4242 4242 4242 4242", name: NAME });
  await expect(page.getByTestId("gift-status")).toContainText("has started", { timeout: 15_000 });
  const [receipt] = await waitForMail(email, 1);
  const receiptLink = /href="([^"]*\/donate\/manage\?token=[^"]+)"/.exec(receipt!.html)?.[1]?.replace(/&amp;/g, "&");
  expect(receiptLink).toBeTruthy();
  const receiptPath = new URL(receiptLink!).pathname + new URL(receiptLink!).search;

  // From the receipt's link, downloads and erasure ask for an emailed link first.
  await page.goto(receiptPath);
  const yourData = page.getByRole("region", { name: "Your data" });
  await expect(yourData).toContainText("open this page from a link we email you");
  await expect(yourData.getByRole("link", { name: /Download my data/ })).toHaveCount(0);
  await yourData.getByLabel("Your email address").fill(email);
  await yourData.getByRole("button", { name: "Email me a link" }).click();
  const linkEmail = await waitForEmail(email, /^Your link to manage your giving/);
  const link = /href="([^"]*\/donate\/manage\?link=[^"]+)"/.exec(linkEmail.html)?.[1]?.replace(/&amp;/g, "&");
  await page.goto(new URL(link!).pathname + new URL(link!).search);
  await page.getByRole("button", { name: "Open my giving page" }).click();
  await expect(page).toHaveURL(/\/donate\/manage$/);
  await expect(page.getByText(`Signed in as ${email}.`)).toBeVisible();

  // Download my data: JSON for computers, a page for people.
  const json = await download(page, "Download my data as JSON");
  expect(json.filename).toBe("my-data.json");
  const data = JSON.parse(json.text);
  expect(data.donor).toMatchObject({ email, name: NAME });
  expect(data.gifts).toMatchObject([{ amount: 1200, currency: "USD", campaign: CAMPAIGN.title, receiptNumber: expect.stringMatching(/^\d{4}-\d{6}$/) }]);
  expect(data.recurringGifts).toMatchObject([{ amount: 1200, interval: "month", status: "active" }]);
  expect(data.emails.map((row: { to: string }) => row.to)).toEqual(expect.arrayContaining([email]));
  const readable = await download(page, "Download my data as a page to read");
  expect(readable.filename).toBe("my-data.html");
  expect(readable.text).toContain(NAME);
  expect(readable.text).toContain(data.gifts[0].receiptNumber);

  // Ask to be forgotten: a first step that says what happens, then the confirmation.
  await page.getByRole("link", { name: "Ask us to forget you" }).click();
  await expect(page.getByText("This cannot be undone. We will:")).toBeVisible();
  await expect(page.getByText("cancel your monthly or yearly gift today;")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Erase my data" }).click();
  await expect(page).toHaveURL(/\/donate\/manage\/forgotten$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your data is erased" })).toBeVisible();
  await expectNoAxeViolations(page);

  // The session ended with the erasure; the download answers nothing.
  await page.goto("/donate/manage");
  await expect(page.getByRole("heading", { name: "Email me a link" })).toBeVisible();
  const after = await page.request.get("/donate/manage/my-data?format=json", { maxRedirects: 0 });
  expect(after.status()).toBe(303);

  // The receipt's link still opens, and shows nothing of the donor: no address, no name, no gifts.
  await page.goto(receiptPath);
  await expect(page.getByRole("status").filter({ hasText: "We erased your personal data on" })).toBeVisible();
  const main = await page.getByRole("main").innerText();
  expect(main).not.toContain(email);
  expect(main).not.toContain(NAME);
  await expect(page.getByRole("table")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Your data" })).toHaveCount(0);
});

test("an owner erases a donor from the admin: the gift stays in the list without the name, and a second erasure has nothing left", async ({
  browser,
  page,
}) => {
  const email = uniqueEmail("owner-erases");
  const name = "Dohyun Erasedbyowner";
  await page.goto(`/campaigns/${CAMPAIGN.slug}`);
  const panel = page.getByRole("complementary");
  await panel.getByLabel("Other amount").fill("31");
  await panel.getByRole("button", { name: /^Donate/ }).click();
  await payOnCheckout(page, { email, card: "4242 4242 4242 4242", name });
  await waitForMail(email, 1);

  const { context, page: admin } = await signInThroughMailbox(browser, ADMIN_EMAIL);
  await admin.goto(`/admin/gifts?q=${encodeURIComponent(email)}`);
  await admin
    .getByRole("table", { name: "Gifts, newest first" })
    .getByRole("link", { name: new RegExp(`^${name}`) })
    .click();
  await expect(admin.getByRole("heading", { level: 1, name: `Gift of $31.00 from ${name}` })).toBeVisible();
  const giftUrl = admin.url();
  await admin.getByRole("link", { name: "The donor’s record" }).click();
  await expect(admin).toHaveURL(/\/admin\/donors\/[0-9a-f-]{36}$/);
  await expect(admin.getByRole("heading", { level: 1, name, exact: true })).toBeVisible();
  const donorUrl = admin.url();
  await admin.getByRole("link", { name: "Erase this donor’s personal data" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Erase a donor" })).toBeVisible();
  await expect(admin.getByText(`${name}, ${email}: 1 gift.`)).toBeVisible();
  await expectNoAxeViolations(admin);

  // Without the box ticked, nothing happens.
  await admin.getByRole("button", { name: "Erase this donor" }).click();
  await expect(admin.getByRole("alert").filter({ hasText: "Tick the box" })).toHaveText("Tick the box to confirm that this donor asked to be forgotten.");
  await admin.getByRole("checkbox", { name: /asked to be forgotten/ }).check();
  await admin.getByRole("button", { name: "Erase this donor" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "The donor's personal data is erased" })).toBeVisible();
  const eraseUrl = admin.url();

  // The gift is still there, with its money, and nothing of the person.
  await admin.goto(giftUrl);
  await expect(admin.getByRole("heading", { level: 1, name: /^Gift of \$31\.00 from / })).toBeVisible();
  const text = await admin.getByRole("main").innerText();
  expect(text).not.toContain(email);
  expect(text).not.toContain(name);
  // Nothing can be sent to a tombstone address, so the page offers nothing to send.
  await expect(admin.getByText("This donor’s personal data was erased at their request")).toBeVisible();
  await expect(admin.getByRole("button", { name: "Resend the receipt" })).toHaveCount(0);
  await admin.goto(`/admin/gifts?q=${encodeURIComponent(email)}`);
  await expect(admin.getByText("No gifts match this filter.")).toBeVisible();
  // The donor's record says so, keeps the gift, and offers no second erasure.
  await admin.goto(donorUrl);
  await expect(admin.getByRole("heading", { level: 1, name: "Erased donor" })).toBeVisible();
  expect(await admin.getByRole("main").innerText()).not.toContain(email);
  await expect(admin.getByRole("link", { name: "Erase this donor’s personal data" })).toHaveCount(0);
  // The erase page now says it was done, with nothing of the person; erasing again has nothing left to do.
  await admin.goto(eraseUrl);
  await expect(admin.getByRole("status").filter({ hasText: "This donor's personal data was erased on" })).toBeVisible();
  await admin.getByRole("checkbox", { name: /asked to be forgotten/ }).check();
  await admin.getByRole("button", { name: "Erase this donor" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "was erased before. Nothing else was left to erase." })).toBeVisible();
  await context.close();
});
