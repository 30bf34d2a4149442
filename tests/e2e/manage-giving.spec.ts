import type { Page } from "@playwright/test";
import { expect, test } from "./support/csp";
import { expectNoAxeViolations } from "./support/axe";
import { mailbox, payOnCheckout, renewSubscription, subscriptionOf, uniqueEmail, waitForMail } from "./support/giving";
import { waitForEmail } from "./support/mailbox";

const CAMPAIGN = { slug: "inside-north-korea-pandemic-era-controls", title: "Inside North Korea: People still suffer legacy of pandemic-era controls" };

async function startMonthlyGift(page: Page, email: string, amount: string) {
  await page.goto(`/campaigns/${CAMPAIGN.slug}`);
  const panel = page.getByRole("complementary");
  await panel.getByRole("radio", { name: "Monthly" }).check();
  await panel.getByLabel("Other amount").fill(amount);
  await panel.getByRole("button", { name: "Donate monthly" }).click();
  await payOnCheckout(page, { email, card: "4242 4242 4242 4242", name: "Hana Choi" });
  await expect(page.getByTestId("gift-status")).toContainText("has started", { timeout: 15_000 });
  await waitForMail(email, 1); // the welcome receipt, which this donor then loses
}

async function askForLink(page: Page, email: string) {
  await page.getByLabel("Your email address").fill(email);
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "If that address has given to us" })).toBeVisible();
}

test("a monthly donor without the receipt asks for a link, changes the amount, cancels, and keeps the gift", async ({ page, request }) => {
  const email = uniqueEmail("self-service");
  await startMonthlyGift(page, email, "10");

  // No receipt at hand: the page offers a link by email, and a way to reach a person.
  await page.goto("/donate/manage");
  await expect(page.getByRole("heading", { level: 1, name: "Manage your giving" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: /@/ })).toHaveAttribute("href", /^mailto:/);
  await expectNoAxeViolations(page);

  // An unknown address gets the very same answer, and no email.
  const stranger = uniqueEmail("never-gave");
  await askForLink(page, stranger);
  const answerForStranger = await page.getByRole("status").filter({ hasText: "If that address" }).innerText();
  await page.goto("/donate/manage");
  await askForLink(page, email.toUpperCase());
  expect(await page.getByRole("status").filter({ hasText: "If that address" }).innerText()).toBe(answerForStranger);

  const linkEmail = await waitForEmail(email, /^Your link to manage your giving/);
  expect(linkEmail.text).toContain("It works once and expires in 1 hour");
  const link = /href="([^"]*\/donate\/manage\?link=[^"]+)"/.exec(linkEmail.html)?.[1]?.replace(/&amp;/g, "&");
  expect(link).toBeTruthy();
  const linkPath = new URL(link!).pathname + new URL(link!).search;
  expect(mailbox(stranger)).toEqual([]);

  // Opening the link is a button press (a mail scanner following the link uses nothing up).
  await page.goto(linkPath);
  await page.getByRole("button", { name: "Open my giving page" }).click();
  await expect(page).toHaveURL(/\/donate\/manage$/);
  const gift = page.getByRole("article", { name: `$10.00 a month to ${CAMPAIGN.title}` });
  await expect(gift).toContainText("Active.");
  await expect(gift).toContainText("Next payment on");
  await expect(page.getByRole("table")).toContainText(CAMPAIGN.title);
  await expectNoAxeViolations(page);
  await page.reload();
  await expect(gift).toBeVisible();

  // The same link never opens twice.
  const other = await page
    .context()
    .browser()!
    .newContext({ baseURL: new URL(page.url()).origin });
  const otherPage = await other.newPage();
  await otherPage.goto(linkPath);
  await otherPage.getByRole("button", { name: "Open my giving page" }).click();
  await expect(otherPage.getByRole("status").filter({ hasText: "This link has expired or has already been used." })).toBeVisible();
  await other.close();

  // A wrong amount is explained next to the field and changes nothing.
  await gift.getByLabel("New monthly amount (USD)").fill("0.20");
  await gift.getByRole("button", { name: "Change amount" }).click();
  await expect(gift.getByLabel("New monthly amount (USD)")).toHaveAccessibleDescription("The smallest monthly gift we can take is $1.00.");

  // Change the amount: from the next payment on.
  await gift.getByLabel("New monthly amount (USD)").fill("25");
  await gift.getByRole("button", { name: "Change amount" }).click();
  const changed = page.getByRole("article", { name: `$25.00 a month to ${CAMPAIGN.title}` });
  await expect(changed.getByRole("status")).toContainText("It applies from your next payment; nothing is charged today.");
  const confirmation = await waitForEmail(email, "Your monthly gift is now $25.00");
  expect(confirmation.text).toContain("(it was $10.00)");

  // The next renewal charges the new amount.
  const subscription = await subscriptionOf(request, email);
  await renewSubscription(request, subscription.id);
  await waitForEmail(email, "Receipt for your monthly gift of $25.00");
  await page.reload();
  await expect(page.getByRole("table").getByRole("row").filter({ hasText: "$25.00" })).toHaveCount(1);

  // Cancel: it ends at the period's end, and the page promises no more receipts.
  // The first press only asks, saying what cancelling does, and offers to keep it instead.
  await changed.getByRole("button", { name: "Cancel monthly gift" }).click();
  const step = changed.getByRole("region", { name: `Cancel your $25.00 monthly gift to ${CAMPAIGN.title}?` });
  await expect(step).toContainText("We will not charge it again.");
  await expect(changed).toContainText("Active.");
  await expectNoAxeViolations(page);
  await step.getByRole("button", { name: "No, keep my monthly gift" }).click();
  await expect(changed.getByRole("status")).toContainText("Nothing was changed: your monthly gift continues.");
  await expect(step).toHaveCount(0);
  await changed.getByRole("button", { name: "Cancel monthly gift" }).click();
  await step.getByRole("button", { name: "Yes, cancel my monthly gift" }).click();
  await expect(changed).toContainText(/Ending on \w+ \d{1,2}, \d{4}\./);
  await expect(changed).toContainText("You will not be charged again and there will be no further receipts.");
  await expect(changed).not.toContainText("Next payment");
  await expect(changed.getByRole("button", { name: "Change amount" })).toHaveCount(0);
  const cancelled = await waitForEmail(email, "Your monthly gift is cancelled");
  expect(cancelled.text).toContain("there will be no further receipts");
  await expectNoAxeViolations(page);

  // "Keep my gift" undoes it.
  await changed.getByRole("button", { name: "Keep my gift" }).click();
  await expect(changed).toContainText("Active.");
  await expect(changed).toContainText("Next payment on");
  await waitForEmail(email, "Your monthly gift will continue");
  await page.reload();
  await expect(page.getByRole("article", { name: `$25.00 a month to ${CAMPAIGN.title}` })).toContainText("Active.");

  // Any past gift's receipt, again by email.
  const before = mailbox(email).length;
  await page.getByRole("button", { name: /^Email me this receipt \(\$10\.00 on / }).click();
  await expect(page.getByRole("status").filter({ hasText: "We have emailed you this receipt." })).toBeVisible();
  await waitForMail(email, before + 1);

  // And its printable receipt page.
  await page.getByRole("link", { name: /^View receipt \(\$25\.00 on / }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Gift receipt" })).toBeVisible();
  await expect(page.getByText("$25.00").first()).toBeVisible();
});
