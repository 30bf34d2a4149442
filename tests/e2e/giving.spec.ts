import type { Page } from "@playwright/test";
import { expect, test } from "./support/csp";
import { expectNoAxeViolations } from "./support/axe";
import { E2E_ORGANISATION } from "./support/e2e-server";
import { formatUsd, mailbox, openMoreOptions, payOnCheckout, readFigures, renewSubscription, subscriptionOf, uniqueEmail, waitForMail } from "./support/giving";

const CAMPAIGN = { slug: "foreign-media-in-north-korea", title: "Foreign Media in North Korea - How Kpop is Challenging the Regime" };
const OTHER_CAMPAIGN = { slug: "inside-north-korea-pandemic-era-controls", title: "Inside North Korea: People still suffer legacy of pandemic-era controls" };
const SUCCEEDS = "4242 4242 4242 4242";
const DECLINED = "4000 0000 0000 0002";

async function openCampaign(page: Page, slug: string) {
  await page.goto(`/campaigns/${slug}`);
  return page.getByRole("complementary");
}

test("a one-off $25 gift with the fee covered and a dedication: checkout, thank-you, new total, receipt", async ({ page, request }) => {
  const panel = await openCampaign(page, CAMPAIGN.slug);
  const before = await readFigures(page);
  await expectNoAxeViolations(page);

  await panel.getByRole("radio", { name: "Give once" }).check();
  await panel.getByRole("radio", { name: "$25", exact: true }).check();
  await openMoreOptions(panel);
  await panel.getByRole("checkbox", { name: /Cover the card fee/ }).check();
  await expect(panel.getByText("(adds $1.06, so all of your gift reaches the work)")).toBeVisible();
  await panel.getByRole("radio", { name: "In memory of" }).check();
  await panel.getByLabel("Their name").fill("Grandma Kim");
  await expect(panel.getByText("Total: $26.06")).toBeVisible();
  await panel.getByRole("button", { name: "Donate", exact: true }).click();

  await expect(page.getByText("$26.06").first()).toBeVisible();
  const email = uniqueEmail("once");
  await payOnCheckout(page, { email, card: SUCCEEDS, name: "Min-ji Park" });

  await expect(page).toHaveURL(/\/donate\/thank-you\?session_id=cs_test_/);
  await expect(page.getByRole("heading", { level: 1, name: "Thank you, Min-ji Park!" })).toBeVisible();
  await expect(page.getByTestId("gift-status")).toHaveText(`Your gift of $26.06 to ${CAMPAIGN.title} has been received.`, { timeout: 15_000 });
  await expect(page.getByText("In memory of Grandma Kim")).toBeVisible();
  await expectNoAxeViolations(page);

  await openCampaign(page, CAMPAIGN.slug);
  const after = await readFigures(page);
  expect(after).toEqual({ raisedCents: before.raisedCents + 2606, donors: before.donors + 1 });
  await expect(page.getByRole("complementary").getByTestId("raised")).toHaveText(formatUsd(before.raisedCents + 2606));

  const [receipt] = await waitForMail(email, 1);
  expect(receipt!.subject).toBe("Receipt for your gift of $26.06");
  expect(receipt!.text).toContain("Dear Min-ji Park");
  expect(receipt!.text).toContain("$26.06 (including $1.06 to cover card fees)");
  expect(receipt!.text).toContain("In memory of Grandma Kim");
  expect(receipt!.text).toContain(CAMPAIGN.title);
  expect(receipt!.text).toContain("no goods or services were provided");
  expect(receipt!.text).not.toContain("Manage monthly giving");

  // A receipt number of this year's sequence, and a link to the printable receipt page.
  const receiptNumber = new RegExp(`Receipt number\\s+(${new Date().getUTCFullYear()}-\\d{6})`).exec(receipt!.text)?.[1];
  expect(receiptNumber, receipt!.text).toBeTruthy();
  const receiptUrl = /href="([^"]*\/receipts\/[^"]+)"/.exec(receipt!.html)?.[1];
  expect(receiptUrl, receipt!.html).toBeTruthy();
  await page.goto(new URL(receiptUrl!).pathname);
  await expect(page.getByRole("heading", { level: 1, name: "Gift receipt" })).toBeVisible();
  const receiptPage = page.getByRole("article", { name: "Gift receipt" });
  await expect(receiptPage.getByTestId("receipt-number")).toHaveText(receiptNumber!);
  for (const text of [
    E2E_ORGANISATION.ORG_LEGAL_NAME,
    E2E_ORGANISATION.ORG_REGISTRATION_NUMBER,
    "Washington, DC 20001",
    E2E_ORGANISATION.ORG_TAX_STATEMENT,
    "Min-ji Park",
    "$26.06 (including $1.06 to cover card fees)",
    CAMPAIGN.title,
    "In memory of Grandma Kim",
    "One-off gift",
  ]) {
    await expect(receiptPage).toContainText(text);
  }
  await expect(receiptPage.getByRole("link", { name: E2E_ORGANISATION.ORG_CONTACT_EMAIL }).first()).toHaveAttribute(
    "href",
    `mailto:${E2E_ORGANISATION.ORG_CONTACT_EMAIL}`,
  );
  await expect(receiptPage.getByRole("button", { name: "Print or save this receipt" })).toBeVisible();
  await expectNoAxeViolations(page);
  // Printed: the receipt alone, black on white, without the site's header, footer or print button.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(page.getByRole("contentinfo")).toBeHidden();
  await expect(receiptPage.getByRole("button", { name: "Print or save this receipt" })).toBeHidden();
  await expect(receiptPage.getByTestId("receipt-number")).toBeVisible();
  const colours = await receiptPage.evaluate((element) => {
    const style = (node: Element) => getComputedStyle(node);
    return { text: style(element.querySelector("h1")!).color, body: style(document.body).backgroundColor };
  });
  expect(colours).toEqual({ text: "rgb(0, 0, 0)", body: "rgba(0, 0, 0, 0)" });
  await page.emulateMedia({ media: "screen" });
  // The gift id alone, or another signature, opens nothing.
  const [giftId] = new URL(receiptUrl!).pathname.split("/").pop()!.split(".");
  expect((await request.get(`/receipts/${giftId}`)).status()).toBe(404);
  expect((await request.get(`/receipts/${giftId}.${"A".repeat(43)}`)).status()).toBe(404);

  // The demo server's dev mailbox is not readable over HTTP (it would show sign-in links).
  for (const path of [`/dev/mailbox?to=${encodeURIComponent(email)}`, `/api/dev/mailbox?to=${encodeURIComponent(email)}`]) {
    expect((await request.get(path)).status()).toBe(404);
  }
});

test("a $10 monthly gift: subscription, welcome receipt, a renewal makes a second gift and receipt, the manage link opens the giving page", async ({
  page,
  request,
}) => {
  const panel = await openCampaign(page, OTHER_CAMPAIGN.slug);
  const before = await readFigures(page);

  await panel.getByRole("radio", { name: "Monthly" }).check();
  await panel.getByLabel("Other amount").fill("10");
  await expect(panel.getByText("$10.00 each month, until you cancel.")).toBeVisible();
  await panel.getByRole("button", { name: "Donate monthly" }).click();

  const email = uniqueEmail("monthly");
  await payOnCheckout(page, { email, card: SUCCEEDS, name: "Joon Lee" });
  await expect(page.getByTestId("gift-status")).toHaveText(
    `Your monthly gift of $10.00 to ${OTHER_CAMPAIGN.title} has started. We will charge it each month until you change or cancel it.`,
    { timeout: 15_000 },
  );

  const [welcome] = await waitForMail(email, 1);
  expect(welcome!.subject).toBe("Welcome to monthly giving: receipt for $10.00");
  expect(welcome!.text).toContain("Monthly gift");
  expect(welcome!.text).toContain("cancel your monthly gift at any time");
  const subscription = await subscriptionOf(request, email);
  expect(subscription.status).toBe("active");

  await renewSubscription(request, subscription.id);
  const [renewal] = await waitForMail(email, 2);
  expect(renewal!.subject).toBe("Receipt for your monthly gift of $10.00");

  await openCampaign(page, OTHER_CAMPAIGN.slug);
  expect(await readFigures(page)).toEqual({ raisedCents: before.raisedCents + 2000, donors: before.donors + 1 });

  // The receipt's link opens the donor's giving page; its "Update card" opens Stripe's portal,
  // which (like Stripe's) cannot change the amount.
  const manageUrl = /href="([^"]*\/donate\/manage\?token=[^"]+)"/.exec(welcome!.html)?.[1]?.replace(/&amp;/g, "&");
  expect(manageUrl).toBeTruthy();
  await page.goto(new URL(manageUrl!).pathname + new URL(manageUrl!).search);
  await expect(page.getByRole("heading", { level: 1, name: "Manage your giving" })).toBeVisible();
  await expect(page.getByRole("article", { name: `$10.00 a month to ${OTHER_CAMPAIGN.title}` })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Update card" }).click();
  await expect(page).toHaveURL(/\/stripe-emulator\/portal\//);
  await expect(page.getByRole("button", { name: "Cancel monthly gift" })).toBeVisible();
  await expect(page.getByRole("textbox")).toHaveCount(0);
});

test("a gift made anonymously is listed as Anonymous, with neither the name nor the amount; a named one shows both", async ({ page }) => {
  const panel = await openCampaign(page, OTHER_CAMPAIGN.slug);
  await panel.getByLabel("Other amount").fill("31.17");
  await openMoreOptions(panel);
  await panel.getByRole("checkbox", { name: /Give anonymously/ }).check();
  await panel.getByRole("button", { name: "Donate", exact: true }).click();
  await payOnCheckout(page, { email: uniqueEmail("anonymous"), card: SUCCEEDS, name: "Hidden Giver" });
  await expect(page.getByTestId("gift-status")).toHaveText(`Your gift of $31.17 to ${OTHER_CAMPAIGN.title} has been received.`, { timeout: 15_000 });

  await openCampaign(page, OTHER_CAMPAIGN.slug);
  const supporters = page.getByRole("region", { name: "Recent supporters" });
  await expect(supporters.getByRole("listitem").first()).toHaveText(/^Anonymous\s*today$/);
  await expect(supporters).not.toContainText("Hidden");
  await expect(supporters).not.toContainText("31.17");

  // The same flow without the box: the first name and initial, and the amount.
  await page.getByRole("complementary").getByLabel("Other amount").fill("12.34");
  await page.getByRole("complementary").getByRole("button", { name: "Donate", exact: true }).click();
  await payOnCheckout(page, { email: uniqueEmail("named"), card: SUCCEEDS, name: "Seo-yeon Choi" });
  await expect(page.getByTestId("gift-status")).toHaveText(`Your gift of $12.34 to ${OTHER_CAMPAIGN.title} has been received.`, { timeout: 15_000 });
  await openCampaign(page, OTHER_CAMPAIGN.slug);
  await expect(supporters.getByRole("listitem").first()).toHaveText(/^Seo-yeon C\.\s*\$12\.34 · today$/);
  await expect(supporters).not.toContainText("Choi");
  await expectNoAxeViolations(page);
});

test("a declined card shows Stripe's decline message and records nothing", async ({ page }) => {
  const panel = await openCampaign(page, CAMPAIGN.slug);
  const before = await readFigures(page);
  await panel.getByRole("radio", { name: "$50", exact: true }).check();
  await panel.getByRole("button", { name: "Donate", exact: true }).click();

  const email = uniqueEmail("declined");
  await payOnCheckout(page, { email, card: DECLINED });
  await expect(page.getByRole("alert")).toHaveText("Your card was declined.");
  await expect(page).toHaveURL(/\/stripe-emulator\/checkout\//);

  await page.getByRole("link", { name: "Back" }).click();
  await expect(page).toHaveURL(new RegExp(`/campaigns/${CAMPAIGN.slug}$`));
  expect(await readFigures(page)).toEqual(before);
  expect(mailbox(email)).toEqual([]);
});

test("cancelling checkout returns to the campaign with nothing recorded", async ({ page }) => {
  const panel = await openCampaign(page, CAMPAIGN.slug);
  const before = await readFigures(page);
  await panel.getByRole("radio", { name: "$100", exact: true }).check();
  await panel.getByRole("button", { name: "Donate", exact: true }).click();
  await expect(page).toHaveURL(/\/stripe-emulator\/checkout\//);
  await page.getByRole("link", { name: "Back" }).click();
  await expect(page).toHaveURL(new RegExp(`/campaigns/${CAMPAIGN.slug}$`));
  await expect(page.getByRole("button", { name: "Donate", exact: true })).toBeVisible();
  expect(await readFigures(page)).toEqual(before);
});

for (const [typed, message] of [
  ["0", "The smallest gift we can take is $1.00."],
  ["abc", "Enter the amount in numbers, such as 25 or 25.50."],
] as const) {
  test(`an "Other amount" of ${typed} shows a message next to the field and goes nowhere`, async ({ page }) => {
    const panel = await openCampaign(page, CAMPAIGN.slug);
    await panel.getByLabel("Other amount").fill(typed);
    await panel.getByRole("button", { name: "Donate", exact: true }).click();
    const field = panel.getByLabel("Other amount");
    await expect(field).toHaveAccessibleDescription(message);
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveValue(typed);
    await expect(page).toHaveURL(new RegExp(`/campaigns/${CAMPAIGN.slug}$`));
    await expectNoAxeViolations(page);
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the form still validates and still reaches checkout", async ({ page }) => {
    const panel = await openCampaign(page, CAMPAIGN.slug);
    await panel.getByLabel("Other amount").fill("abc");
    await panel.getByRole("button", { name: "Donate", exact: true }).click();
    await expect(page.getByLabel("Other amount")).toHaveAccessibleDescription("Enter the amount in numbers, such as 25 or 25.50.");

    await page.getByLabel("Other amount").fill("");
    await page.getByRole("radio", { name: "$25", exact: true }).check();
    await page.getByRole("button", { name: "Donate", exact: true }).click();
    await expect(page).toHaveURL(/\/stripe-emulator\/checkout\//);
    await expect(page.getByText("$25.00").first()).toBeVisible();
  });
});

test("the general fund takes gifts at /donate", async ({ page }) => {
  await page.goto("/donate");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Give where it’s needed most");
  await expectNoAxeViolations(page);
  await page.getByRole("radio", { name: "$50", exact: true }).check();
  await page.getByRole("button", { name: "Donate", exact: true }).click();
  await payOnCheckout(page, { email: uniqueEmail("fund"), card: SUCCEEDS });
  await expect(page.getByTestId("gift-status")).toHaveText("Your gift of $50.00 to the general fund has been received.", { timeout: 15_000 });
});

test("twenty-one checkouts in a minute from one address: the last is asked to try again shortly", async ({ browser }) => {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": `198.51.100.${Math.floor(Math.random() * 250) + 1}` } });
  const page = await context.newPage();
  const panel = await openCampaign(page, CAMPAIGN.slug);
  const donate = panel.getByRole("button", { name: "Donate", exact: true });
  for (let attempt = 1; attempt <= 20; attempt++) {
    await panel.getByLabel("Other amount").fill("0");
    await donate.click();
    await expect(panel.getByLabel("Other amount")).toHaveAccessibleDescription("The smallest gift we can take is $1.00.");
  }
  await panel.getByLabel("Other amount").fill("25");
  await donate.click();
  await expect(panel.getByRole("alert")).toHaveText("You have started several gifts in the last minute. Please try again shortly.");
  await expect(page).toHaveURL(new RegExp(`/campaigns/${CAMPAIGN.slug}$`));
  await context.close();
});

test("the webhook endpoint refuses a missing or bad signature", async ({ request }) => {
  const body = JSON.stringify({ id: "evt_forged", object: "event", type: "checkout.session.completed", data: { object: { id: "cs_test_forged" } } });
  expect((await request.post("/api/webhooks/stripe", { data: body, headers: { "content-type": "application/json" } })).status()).toBe(400);
  const forged = await request.post("/api/webhooks/stripe", {
    data: body,
    headers: { "content-type": "application/json", "stripe-signature": `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}` },
  });
  expect(forged.status()).toBe(400);
});

test("the thank-you page for an unknown session is a 404", async ({ page }) => {
  const response = await page.goto("/donate/thank-you?session_id=cs_test_doesnotexist");
  expect(response?.status()).toBe(404);
});
