/**
 * Questions on the donation form, end to end: an admin asks a required choice question and the
 * donor's postal address; the giving panel asks them and refuses a gift without an answer; the
 * answer reaches the admin gift page and the gifts CSV, and the address the receipt.
 */
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./support/csp";
import { expectNoAxeViolations } from "./support/axe";
import { ADMIN_EMAIL, signInThroughMailbox } from "./support/admin-session";
import { payOnCheckout, uniqueEmail, waitForMail } from "./support/giving";

const CAMPAIGN = { title: "Asks a question", slug: "asks-a-question" };
const QUESTION = "How did you hear about us?";

test.describe.configure({ mode: "serial" });

let admin: BrowserContext;
let adminPage: Page;
let campaignId = "";
const donorEmail = uniqueEmail("answers");

test.afterAll(async () => {
  await admin?.close();
});

test("an admin asks a required question and the postal address on a campaign", async ({ browser }) => {
  ({ context: admin, page: adminPage } = await signInThroughMailbox(browser, ADMIN_EMAIL));
  await adminPage.goto("/admin/campaigns/new");
  await adminPage.getByLabel("Title", { exact: true }).fill(CAMPAIGN.title);
  await adminPage.getByLabel("Summary", { exact: true }).fill("A campaign whose form asks a question.");
  await adminPage.getByLabel("Status", { exact: true }).selectOption("active");
  await adminPage.getByRole("button", { name: "Create campaign" }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: "Campaign created" })).toBeVisible();
  campaignId = adminPage.url().split("?")[0]!.split("/").pop()!;

  await adminPage.getByRole("link", { name: "Questions on the form" }).click();
  await adminPage.getByLabel("Question 1: what to ask").fill(QUESTION);
  await adminPage.getByLabel("Question 1: kind of answer").selectOption({ label: "A choice from a list" });
  // A choice question with one choice is refused, and nothing is saved.
  await adminPage.getByLabel("Question 1: choices").fill("Radio");
  await adminPage.getByRole("button", { name: "Save questions" }).click();
  await expect(adminPage.getByText("List at least two choices, one per line.")).toBeVisible();
  await adminPage.getByLabel("Question 1: choices").fill("Radio\nA friend\nOnline");
  await adminPage.getByRole("checkbox", { name: "Question 1: an answer is required" }).check();
  await adminPage.getByRole("checkbox", { name: /Ask for the donor’s postal address/ }).check();
  await adminPage.getByRole("button", { name: "Save questions" }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: "Saved" })).toHaveText("Saved: 1 question, and the postal address on the donation form.");
  await expectNoAxeViolations(adminPage);
});

test("the giving panel asks the question, refuses a gift without an answer, then takes it", async ({ page }) => {
  await page.goto(`/campaigns/${CAMPAIGN.slug}`);
  const panel = page.getByRole("complementary");
  await panel.getByRole("radio", { name: "Give once" }).check();
  await panel.getByLabel("Other amount").fill("30");
  await expectNoAxeViolations(page);
  await panel.getByRole("button", { name: "Donate", exact: true }).click();
  await expect(panel.getByText(`Choose an answer to “${QUESTION}”.`)).toBeVisible();
  await expect(panel.getByText("Enter your postal address: it is printed on your receipt.")).toBeVisible();
  await expect(panel.getByLabel(`${QUESTION} (required)`)).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(new RegExp(`/campaigns/${CAMPAIGN.slug}$`));

  await panel.getByLabel(`${QUESTION} (required)`).selectOption("A friend");
  await panel.getByLabel(/Your postal address/).fill("12 Lantern Lane\nSpringfield, IL 62701");
  await panel.getByRole("button", { name: "Donate", exact: true }).click();
  await payOnCheckout(page, { email: donorEmail, card: "4242 4242 4242 4242", name: "Asked Donor" });
  await expect(page.getByTestId("gift-status")).toContainText("has been received", { timeout: 20_000 });

  const [receipt] = await waitForMail(donorEmail, 1);
  expect(receipt!.text).toContain("12 Lantern Lane, Springfield, IL 62701");
  const receiptUrl = /href="([^"]*\/receipts\/[^"]+)"/.exec(receipt!.html)?.[1];
  await page.goto(new URL(receiptUrl!).pathname);
  await expect(page.getByTestId("donor-address")).toHaveText("12 Lantern LaneSpringfield, IL 62701");
});

test("the answer is on the admin gift page and in the gifts CSV", async () => {
  await adminPage.goto(`/admin/gifts?campaign=${campaignId}`);
  await adminPage.getByRole("link", { name: /^Asked Donor/ }).click();
  await expect(adminPage.getByRole("heading", { level: 1, name: "Gift of $30.00 from Asked Donor" })).toBeVisible();
  await expect(adminPage.locator("dt", { hasText: QUESTION }).locator("xpath=following-sibling::dd[1]")).toHaveText("A friend");
  await expect(adminPage.locator("dt", { hasText: /^Postal address$/ }).locator("xpath=following-sibling::dd[1]")).toContainText("12 Lantern Lane");
  await expectNoAxeViolations(adminPage);

  const csv = (await (await adminPage.request.get(`/admin/exports/gifts?campaign=${campaignId}`)).text()).replace(/^\uFEFF/, "");
  expect(csv).toContain(`,${QUESTION}: A friend,"12 Lantern Lane\nSpringfield, IL 62701",`);
});
