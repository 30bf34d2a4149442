/**
 * Gifts received offline: an admin records a cheque, corrects it and voids it, and the public
 * total, the donor's receipt (numbered in the same sequence, "Paid by Cheque", then VOID under the
 * same number) and the donor's giving statement follow each step.
 */
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./support/csp";
import { expectNoAxeViolations } from "./support/axe";
import { ADMIN_EMAIL, signInThroughMailbox } from "./support/admin-session";
import { readFigures, uniqueEmail } from "./support/giving";
import { mailbox, waitForEmail, type MailboxMessage } from "./support/mailbox";

const CAMPAIGN = { slug: "inside-north-korea-pandemic-era-controls", title: "Inside North Korea: People still suffer legacy of pandemic-era controls" };

test.describe.configure({ mode: "serial" });

let admin: BrowserContext;
let page: Page;
const donorEmail = uniqueEmail("cheque");
const year = new Date().getUTCFullYear();
let raisedBefore = 0;
let donorsBefore = 0;
let receiptNumber = "";
let receiptPath = "";
let giftUrl = "";

test.afterAll(async () => {
  await admin?.close();
});

function receiptLinkOf(message: MailboxMessage): string {
  const link = /href="([^"]*\/receipts\/[^"]+)"/.exec(message.html)![1]!.replace(/&amp;/g, "&");
  return new URL(link).pathname;
}

async function publicRaised(visitor: Page): Promise<number> {
  await visitor.goto(`/campaigns/${CAMPAIGN.slug}`);
  return (await readFigures(visitor)).raisedCents;
}

test("an admin records a $250 cheque; it counts in the public total at once and the donor gets a numbered receipt", async ({ browser, page: visitor }) => {
  await visitor.goto(`/campaigns/${CAMPAIGN.slug}`);
  ({ raisedCents: raisedBefore, donors: donorsBefore } = await readFigures(visitor));

  ({ context: admin, page } = await signInThroughMailbox(browser, ADMIN_EMAIL));
  await page.goto("/admin/gifts");
  await page.getByRole("link", { name: "Record a gift received offline" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Record a gift received offline" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Refused first: nothing recorded, each problem said at its field.
  await page.getByRole("button", { name: "Record gift" }).click();
  await expect(page.getByText("Choose how the gift was paid.")).toBeVisible();
  await expect(page.getByText("Enter the amount received.")).toBeVisible();
  await expect(page.getByLabel("Paid by")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Paid by").selectOption({ label: "Cheque" });
  await page.getByLabel("Amount", { exact: true }).fill("250");
  await page.getByLabel("Currency").fill("USD");
  await page.getByLabel("Campaign", { exact: true }).selectOption({ label: CAMPAIGN.title });
  await page.getByLabel("Reference (optional)").fill("Cheque 004417");
  await page.getByLabel("Donor name (optional)").fill("Chequered Donor");
  await page.getByLabel("Donor email (optional)").fill(donorEmail);
  await page.getByRole("button", { name: "Record gift" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Gift of $250.00 from Chequered Donor" })).toBeVisible();
  giftUrl = page.url();
  const detail = (term: string) => page.locator("dt", { hasText: new RegExp(`^${term}$`) }).locator("xpath=following-sibling::dd[1]");
  await expect(detail("Paid by")).toHaveText("Cheque");
  await expect(detail("Reference")).toHaveText("Cheque 004417");
  await expect(detail("Entered by")).toHaveText(ADMIN_EMAIL);
  await expect(detail("Receipt number")).toHaveText(/^\d{4}-\d{6}$/);
  receiptNumber = await detail("Receipt number").innerText();
  await expectNoAxeViolations(page);

  await expect.poll(() => publicRaised(visitor)).toBe(raisedBefore + 25_000);
  expect((await readFigures(visitor)).donors).toBe(donorsBefore + 1);
  await expect(visitor.getByText("Chequered D.")).toBeVisible();

  const receipt = await waitForEmail(donorEmail, "Receipt for your gift of $250.00");
  expect(receipt.text).toContain(receiptNumber);
  expect(receipt.text).toContain("Cheque");
  receiptPath = receiptLinkOf(receipt);
  await visitor.goto(receiptPath);
  await expect(visitor.getByTestId("receipt-number")).toHaveText(receiptNumber);
  await expect(visitor.locator("dt", { hasText: /^Paid by$/ }).locator("xpath=following-sibling::dd[1]")).toHaveText("Cheque");
  await expectNoAxeViolations(visitor);
});

test("the admin corrects it to $300: the total, the receipt (same number) and the statement follow", async ({ browser, baseURL, page: visitor }) => {
  await page.goto(giftUrl);
  await page.getByRole("link", { name: "Correct or void this gift" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Correct or void the gift of $250.00 by cheque" })).toBeVisible();
  await expectNoAxeViolations(page);
  const correct = page.getByRole("region", { name: "Correct" });
  await expect(correct.getByLabel("Amount", { exact: true })).toHaveValue("250.00");
  await correct.getByLabel("Amount", { exact: true }).fill("300");
  await correct.getByRole("button", { name: "Save correction" }).click();
  await expect(correct.getByRole("status")).toHaveText(`Saved. Receipt ${receiptNumber} keeps its number; the donor was emailed the corrected receipt.`);

  await expect.poll(() => publicRaised(visitor)).toBe(raisedBefore + 30_000);
  const corrected = await waitForEmail(donorEmail, "Corrected receipt for your gift of $300.00");
  expect(corrected.text).toContain(receiptNumber);
  await visitor.goto(receiptPath);
  await expect(visitor.getByTestId("receipt-number")).toHaveText(receiptNumber);
  await expect(visitor.getByText("$300.00")).toBeVisible();

  // The donor's own statement for the year lists the cheque at its corrected amount.
  const donorContext = await browser.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.91" } });
  const donorPage = await donorContext.newPage();
  await donorPage.goto("/donate/manage");
  await donorPage.getByLabel("Your email address").fill(donorEmail);
  await donorPage.getByRole("button", { name: "Email me a link" }).click();
  const linkEmail = await waitForEmail(donorEmail, /^Your link to manage your giving/);
  const link = new URL(/href="([^"]*\/donate\/manage\?link=[^"]+)"/.exec(linkEmail.html)![1]!.replace(/&amp;/g, "&"));
  await donorPage.goto(link.pathname + link.search);
  await donorPage.getByRole("button", { name: "Open my giving page" }).click();
  const statements = donorPage.getByRole("region", { name: "Giving statements" });
  await statements.getByRole("button", { name: `Email me my ${year} statement` }).click();
  await expect(statements.getByRole("status")).toHaveText(`We have emailed you your ${year} statement.`);
  const statement = await waitForEmail(donorEmail, new RegExp(`^Your ${year} giving statement from `));
  expect(statement.text).toContain("$300.00");
  expect(statement.text).toContain("Paid by: Cheque");
  expect(statement.text).toContain(`Total given in ${year} in USD: $300.00`);
  await donorContext.close();
});

test("the admin voids it: it leaves the total, and the receipt keeps its number marked VOID", async ({ page: visitor }) => {
  await page.goto(giftUrl);
  await page.getByRole("link", { name: "Correct or void this gift" }).click();
  const voidSection = page.getByRole("region", { name: "Void" });
  await voidSection.getByRole("button", { name: "Void this gift" }).click();
  await expect(voidSection.getByText("Say why the gift is void, e.g. the cheque bounced.")).toBeVisible();
  await expect.poll(() => publicRaised(visitor)).toBe(raisedBefore + 30_000);

  await voidSection.getByLabel("Why is it void?").fill("The cheque bounced");
  await voidSection.getByRole("button", { name: "Void this gift" }).click();
  // The page now says it is void, by whom and why, in place of the forms.
  await expect(page.getByText(`by ${ADMIN_EMAIL}: The cheque bounced. It counts in no total; receipt ${receiptNumber} is marked void.`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Save correction" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await expect.poll(() => publicRaised(visitor)).toBe(raisedBefore);
  expect((await readFigures(visitor)).donors).toBe(donorsBefore);
  await expect(visitor.getByText("Chequered D.")).toHaveCount(0);

  const voided = await waitForEmail(donorEmail, `VOID: receipt ${receiptNumber} for $300.00`);
  expect(voided.text).toContain("VOID");
  await visitor.goto(receiptPath);
  await expect(visitor.getByRole("heading", { level: 1, name: "Gift receipt: VOID" })).toBeVisible();
  await expect(visitor.getByTestId("receipt-number")).toHaveText(`${receiptNumber} (VOID)`);
  await expectNoAxeViolations(visitor);

  await page.goto(giftUrl);
  await expect(page.locator("dt", { hasText: /^Voided$/ }).locator("xpath=following-sibling::dd[1]")).toContainText(`by ${ADMIN_EMAIL}: The cheque bounced`);
  await expect(page.getByRole("link", { name: "See why this gift was voided" })).toBeVisible();
  // Emails so far: receipt, corrected receipt, manage link, statement, void notice: one each.
  expect(mailbox(donorEmail).map((message) => message.subject.split(" ")[0])).toHaveLength(5);
});
