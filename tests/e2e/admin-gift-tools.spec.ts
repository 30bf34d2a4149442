/**
 * Staff look after one gift: find it by the donor's email, refuse a refund larger than the
 * gift, refund part of it through Stripe (the emulator), and see the public total fall by
 * exactly that once Stripe's webhook has recorded it; resend the receipt, email the donor a
 * manage link, see a refund the bank could not pay out (Stripe's 5126 test card) counted again,
 * and cancel a monthly gift at the period's end.
 */
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./support/csp";
import { expectNoAxeViolations } from "./support/axe";
import { ADMIN_EMAIL, signInThroughMailbox } from "./support/admin-session";
import { formatUsd, mailbox, payOnCheckout, readFigures, uniqueEmail, waitForMail } from "./support/giving";
import { waitForEmail } from "./support/mailbox";

const CAMPAIGN = { slug: "inside-north-korea-pandemic-era-controls" };

test.describe.configure({ mode: "serial" });

let admin: BrowserContext;
let page: Page;
const donorEmail = uniqueEmail("refund-me");
let raisedAfterGift = 0;
let giftUrl = "";

test.afterAll(async () => {
  await admin?.close();
});

test("a donor gives $40 once", async ({ page: donor }) => {
  await donor.goto(`/campaigns/${CAMPAIGN.slug}`);
  const before = await readFigures(donor);
  const panel = donor.getByRole("complementary");
  await panel.getByRole("radio", { name: "Give once" }).check();
  await panel.getByLabel("Other amount").fill("40");
  await panel.getByRole("button", { name: "Donate", exact: true }).click();
  await payOnCheckout(donor, { email: donorEmail, card: "4242 4242 4242 4242", name: "Refund Tester" });
  await expect(donor.getByTestId("gift-status")).toContainText("has been received", { timeout: 15_000 });
  raisedAfterGift = before.raisedCents + 4_000;
  await expect.poll(async () => (await donor.goto(`/campaigns/${CAMPAIGN.slug}`), (await readFigures(donor)).raisedCents)).toBe(raisedAfterGift);
});

test("an admin finds the gift by the donor's email, in any case", async ({ browser }) => {
  ({ context: admin, page } = await signInThroughMailbox(browser, ADMIN_EMAIL));
  await page.goto("/admin/gifts");
  await page.getByLabel("Donor email or name").fill(donorEmail.toUpperCase());
  await page.getByRole("button", { name: "Apply" }).click();
  const rows = page.getByRole("table", { name: "Gifts, newest first" }).getByRole("row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("Refund Tester");
  await expect(rows.nth(1)).toContainText("$40.00");
  await expect(rows.nth(1).getByRole("cell").nth(4)).toHaveText("Paid");
  // The email column: staff reach the donor without opening each gift.
  await expect(rows.nth(1).getByRole("cell").nth(2)).toHaveText(donorEmail);
  await expectNoAxeViolations(page);
  await rows
    .nth(1)
    .getByRole("link", { name: /^Refund Tester/ })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Gift of $40.00 from Refund Tester" })).toBeVisible();
  giftUrl = page.url();
  await expect(page.getByText(donorEmail, { exact: true })).toBeVisible();
  // The receipt number the donor quotes when they write in.
  await expect(page.locator("dt", { hasText: /^Receipt number$/ }).locator("xpath=following-sibling::dd[1]")).toHaveText(/^\d{4}-\d{6}$/);
  await expectNoAxeViolations(page);
});

test("a refund larger than the gift is refused with a clear message, and nothing is refunded", async () => {
  await expect(page.getByLabel("Amount to refund (USD)")).toHaveValue("40.00");
  await page.getByLabel("Amount to refund (USD)").fill("40.01");
  await page.getByRole("button", { name: "Refund" }).click();
  await expect(page.getByText("You can refund at most $40.00, the whole gift.")).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Nothing was refunded" })).toHaveText("Nothing was refunded: correct the fields above.");
  await expect(page.getByLabel("Amount to refund (USD)")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);
});

test("an admin refunds $12.50 and the public total falls by exactly that once Stripe confirms", async ({ page: visitor }) => {
  await page.getByLabel("Amount to refund (USD)").fill("12.50");
  await page.getByLabel("Reason (sent to Stripe)").selectOption({ label: "Requested by the donor" });
  await page.getByLabel("Internal note").fill("Donor gave twice by mistake; keeping $27.50.");
  const mailBefore = mailbox(donorEmail).length;
  await page.getByRole("button", { name: "Refund" }).click();
  // The first step only asks, saying what the refund does; Stripe is asked nothing yet.
  const confirm = page.getByRole("region", { name: "Confirm the refund" });
  await expect(confirm).toContainText(`$12.50 of this $40.00 gift goes back to ${donorEmail}'s card; a refund cannot be undone.`);
  await expect(confirm).toContainText("The donor is emailed, the campaign's total drops by $12.50");
  await expectNoAxeViolations(page);
  await page.reload();
  await expect(page.getByRole("definition").filter({ hasText: /^Partly refunded/ })).toHaveCount(0);
  await expect(page.getByLabel("Amount to refund (USD)")).toHaveValue("40.00");
  await page.getByLabel("Amount to refund (USD)").fill("12.50");
  await page.getByLabel("Internal note").fill("Donor gave twice by mistake; keeping $27.50.");
  await page.getByRole("button", { name: "Refund" }).click();
  await confirm.getByRole("button", { name: "Yes, refund $12.50" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Refund of" })).toHaveText(
    "Refund of $12.50 requested. It will show on this page when Stripe confirms it, usually within a minute.",
  );

  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("definition").filter({ hasText: /^Partly refunded/ })).toHaveText("Partly refunded ($12.50)");
  }).toPass();
  await expect(page.getByLabel("Amount to refund (USD)")).toHaveValue("27.50");
  await expectNoAxeViolations(page);
  // The donor is told, once.
  const [refunded] = await waitForMail(donorEmail, mailBefore + 1);
  expect(refunded!.subject).toBe("$12.50 of your gift has been refunded");
  expect(refunded!.text).toContain("The rest of your gift, $27.50, still supports");

  await expect
    .poll(async () => {
      await visitor.goto(`/campaigns/${CAMPAIGN.slug}`);
      return (await readFigures(visitor)).raisedCents;
    })
    .toBe(raisedAfterGift - 1_250);
  await expect(visitor.getByRole("complementary").getByTestId("raised")).toHaveText(formatUsd(raisedAfterGift - 1_250));

  await page.goto(`/admin/gifts?q=${encodeURIComponent(donorEmail)}`);
  const rows = page.getByRole("table", { name: "Gifts, newest first" }).getByRole("row");
  await expect(rows.nth(1).getByRole("cell").nth(4)).toHaveText("Partly refunded ($12.50)");
});

test("an admin resends the receipt and emails the donor a manage link", async () => {
  await page.goto(giftUrl);
  const before = mailbox(donorEmail).length;
  await page.getByRole("button", { name: "Resend the receipt" }).click();
  await expect(page.getByRole("status").filter({ hasText: "receipt was sent" })).toHaveText(`The receipt was sent again to ${donorEmail}.`);
  const [receipt] = await waitForMail(donorEmail, before + 1);
  // What the donor kept after the refund.
  expect(receipt!.subject).toBe("Receipt for your gift of $27.50");

  await page.getByRole("button", { name: "Email a link to manage their giving" }).click();
  await expect(page.getByRole("status").filter({ hasText: "manage their giving" })).toHaveText(
    `A link to manage their giving was emailed to ${donorEmail}. It works once, within 1 hour.`,
  );
  const link = await waitForEmail(donorEmail, /^Your link to manage your giving/);
  expect(link.text).toContain("/donate/manage?link=");
  await expectNoAxeViolations(page);
});

test("a refund the bank cannot pay out (Stripe's 5126 card) counts again, the gift's page lists it failed, and the admin is emailed", async ({
  page: donor,
}) => {
  const unluckyEmail = uniqueEmail("refund-fails");
  await donor.goto(`/campaigns/${CAMPAIGN.slug}`);
  const before = await readFigures(donor);
  const panel = donor.getByRole("complementary");
  await panel.getByRole("radio", { name: "Give once" }).check();
  await panel.getByLabel("Other amount").fill("30");
  await panel.getByRole("button", { name: "Donate", exact: true }).click();
  await payOnCheckout(donor, { email: unluckyEmail, card: "4000 0000 0000 5126", name: "Unlucky Donor" });
  await expect(donor.getByTestId("gift-status")).toContainText("has been received", { timeout: 15_000 });
  const raised = before.raisedCents + 3_000;
  await expect.poll(async () => (await donor.goto(`/campaigns/${CAMPAIGN.slug}`), (await readFigures(donor)).raisedCents)).toBe(raised);

  await page.goto(`/admin/gifts?q=${encodeURIComponent(unluckyEmail)}`);
  await page
    .getByRole("table", { name: "Gifts, newest first" })
    .getByRole("link", { name: /^Unlucky Donor/ })
    .click();
  await expect(page.getByLabel("Amount to refund (USD)")).toHaveValue("30.00");
  await page.getByRole("button", { name: "Refund" }).click();
  await page.getByRole("button", { name: "Yes, refund $30.00" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Refund of" })).toContainText("Refund of $30.00 requested.");

  // Stripe's test card: the refund succeeds, then about a second later the bank refuses it.
  const refunds = page.getByRole("table", { name: "Refunds of this gift, oldest first" });
  await expect(async () => {
    await page.reload();
    await expect(refunds.getByRole("row").nth(1)).toContainText("Failed (expired or canceled card): the donor was not repaid", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(refunds.getByRole("row")).toHaveCount(2);
  await expect(page.getByLabel("Amount to refund (USD)")).toHaveValue("30.00"); // refundable again
  await expectNoAxeViolations(page);

  const mail = await waitForEmail(ADMIN_EMAIL, "Refund failed: $30.00 was not returned to the donor");
  expect(mail.text).toContain(`Unlucky Donor <${unluckyEmail}>`);
  expect(mail.text).toContain("counts again");
  await expect.poll(async () => (await donor.goto(`/campaigns/${CAMPAIGN.slug}`), (await readFigures(donor)).raisedCents)).toBe(raised);
});

test("an admin cancels a donor's monthly gift at the period's end, and the list shows it ending", async ({ page: donor }) => {
  const monthlyEmail = uniqueEmail("admin-cancels");
  await donor.goto(`/campaigns/${CAMPAIGN.slug}`);
  const panel = donor.getByRole("complementary");
  await panel.getByRole("radio", { name: "Monthly" }).check();
  await panel.getByLabel("Other amount").fill("10");
  await panel.getByRole("button", { name: "Donate monthly" }).click();
  await payOnCheckout(donor, { email: monthlyEmail, card: "4242 4242 4242 4242", name: "Monthly Donor" });
  await expect(donor.getByTestId("gift-status")).toContainText("has started", { timeout: 15_000 });

  await page.goto(`/admin/gifts?q=${encodeURIComponent(monthlyEmail)}`);
  const rows = page.getByRole("table", { name: "Gifts, newest first" }).getByRole("row");
  await expect(rows.nth(1).getByRole("cell").nth(4)).toContainText("Monthly gift active");
  await rows
    .nth(1)
    .getByRole("link", { name: /^Monthly Donor/ })
    .click();
  await page.getByRole("button", { name: "Cancel their monthly gift" }).click();
  await expect(page.getByRole("status").filter({ hasText: "monthly gift will end" })).toContainText("the donor was emailed a confirmation");
  await waitForEmail(monthlyEmail, "Your monthly gift is cancelled");

  await expect(async () => {
    await page.goto(`/admin/gifts?q=${encodeURIComponent(monthlyEmail)}`);
    await expect(rows.nth(1).getByRole("cell").nth(4)).toContainText(/Monthly gift ending on /);
  }).toPass();
  await rows
    .nth(1)
    .getByRole("link", { name: /^Monthly Donor/ })
    .click();
  await expect(page.getByRole("button", { name: "Cancel their monthly gift" })).toHaveCount(0);
  await expectNoAxeViolations(page);
});
