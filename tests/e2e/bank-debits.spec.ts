/**
 * Gifts by bank debit (a US bank account on the emulator's Checkout), one-off and monthly: the
 * donor is told the gift is on its way (page and email), the campaign's figures do not move until
 * the debit succeeds when the test clock passes its settlement (4 business days), and a debit
 * that fails never counts and emails the donor kindly.
 */
import type { APIRequestContext, BrowserContext, Page } from "@playwright/test";
import { ADMIN_EMAIL, signInThroughMailbox } from "./support/admin-session";
import { expect, test } from "./support/csp";
import { expectNoAxeViolations } from "./support/axe";
import { emulatorAuth } from "./support/e2e-server";
import { formatUsd, mailbox, readFigures, uniqueEmail, waitForMail } from "./support/giving";
import { waitForEmail } from "./support/mailbox";

const CAMPAIGN = { slug: "foreign-media-in-north-korea", title: "Foreign Media in North Korea - How Kpop is Challenging the Regime" };
const ROUTING = "110000000";
const SUCCEEDS = "000123456789";
const FAILS = "000111111113";
const DAY = 86_400;

test.describe.configure({ mode: "serial" });

let admin: BrowserContext | undefined;
test.afterAll(async () => {
  await admin?.close();
});

/** The dashboard's "Gifts in flight": how many USD bank debits are still processing (0 when the section says none). */
async function usdInFlight(adminPage: Page): Promise<{ gifts: number; amount: string | null }> {
  await adminPage.goto("/admin");
  const section = adminPage.getByRole("region", { name: "Gifts in flight", exact: true });
  await expect(section).toBeVisible();
  const table = section.getByRole("table", { name: "Gifts in flight, per currency" });
  if ((await table.count()) === 0) {
    await expect(section.getByText("No gifts in flight.")).toBeVisible();
    return { gifts: 0, amount: null };
  }
  const usd = table.getByRole("row").filter({ has: adminPage.getByRole("cell", { name: "USD", exact: true }) });
  if ((await usd.count()) === 0) return { gifts: 0, amount: null };
  const cells = await usd.getByRole("cell").allInnerTexts();
  return { gifts: Number(cells[1]!.replace(/[^\d]/g, "")), amount: cells[2] ?? null };
}

async function giveByBank(page: Page, email: string, account: string, frequency: "once" | "monthly" = "once"): Promise<void> {
  await page.goto(`/campaigns/${CAMPAIGN.slug}`);
  const panel = page.getByRole("complementary");
  if (frequency === "monthly") {
    await panel.getByRole("radio", { name: "Monthly" }).check();
    await panel.getByLabel("Other amount").fill("25");
    await expect(panel.getByText("$25.00 each month, until you cancel.")).toBeVisible();
    await panel.getByRole("button", { name: "Donate monthly" }).click();
  } else {
    await panel.getByRole("radio", { name: "$25", exact: true }).check();
    await panel.getByRole("button", { name: "Donate", exact: true }).click();
  }
  await expect(page).toHaveURL(/\/stripe-emulator\/checkout\//);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("group", { name: "Payment method" }).getByRole("radio", { name: "US bank account" }).check();
  await page.getByLabel("Routing number").fill(ROUTING);
  await page.getByLabel("Account number").fill(account);
  await page.getByLabel("Account holder name").fill("Ada Okafor");
  await page.getByRole("button", { name: "Donate", exact: true }).click();
}

/** Moves this donor's clock (a Stripe test clock attached to the customer) a week on: their bank debit settles. */
async function settleDebitsOf(request: APIRequestContext, email: string): Promise<string[]> {
  const customers = await (await request.get(`/stripe-emulator/v1/customers?email=${encodeURIComponent(email)}`, { headers: emulatorAuth() })).json();
  const customer = customers.data[0]?.id as string;
  expect(customer).toMatch(/^cus_/);
  const clock = await (await request.get("/stripe-emulator/test-helpers/clock", { headers: emulatorAuth() })).json();
  const response = await request.post("/stripe-emulator/test-helpers/clock/advance", {
    headers: emulatorAuth(),
    form: { customer, frozen_time: String((clock.frozen_time as number) + 7 * DAY) },
  });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()).events as { type: string }[]).map((event) => event.type);
}

async function figuresNow(page: Page) {
  await page.goto(`/campaigns/${CAMPAIGN.slug}`);
  return readFigures(page);
}

test("a gift by bank debit is on its way, counts nowhere, then counts once when the debit succeeds", async ({ page, request }) => {
  const signedIn = await signInThroughMailbox(page.context().browser()!, ADMIN_EMAIL);
  admin = signedIn.context;
  const inFlightBefore = await usdInFlight(signedIn.page);
  const before = await figuresNow(page);
  const donor = uniqueEmail("ach-ok");
  await giveByBank(page, donor, SUCCEEDS);
  await expect(page.getByTestId("gift-status")).toHaveText("Your gift is on its way.", { timeout: 15_000 });
  await expect(page.getByText("We will send your receipt as soon as your bank has completed it.", { exact: false })).toBeVisible();
  await expectNoAxeViolations(page);
  const thankYou = page.url();

  // The "on its way" email (not a receipt) is the sign the webhook has been handled: the figures have not moved.
  const onItsWay = await waitForEmail(donor, "Your gift of $25.00 is on its way");
  expect(onItsWay.text).toContain("We will send your receipt as soon as your bank has completed the payment.");
  expect(await figuresNow(page)).toEqual(before);
  // Staff see it apart from every other figure.
  expect((await usdInFlight(signedIn.page)).gifts).toBe(inFlightBefore.gifts + 1);

  expect(await settleDebitsOf(request, donor)).toContain("checkout.session.async_payment_succeeded");
  const [receipt] = await waitForMail(donor, 2);
  expect(receipt!.subject).toMatch(/receipt/i);
  await expect.poll(async () => (await figuresNow(page)).raisedCents, { timeout: 15_000 }).toBe(before.raisedCents + 2500);
  await page.goto(thankYou);
  await expect(page.getByTestId("gift-status")).toHaveText(`Your gift of $25.00 to ${CAMPAIGN.title} has been received.`);
  await expect(page.getByRole("region", { name: "Where the campaign stands now" }).getByTestId("raised")).toHaveText(formatUsd(before.raisedCents + 2500));
  expect((await usdInFlight(signedIn.page)).gifts).toBe(inFlightBefore.gifts);
});

test("a bank debit that fails never counts and tells the donor kindly, with a way to try again", async ({ page, request }) => {
  const before = await figuresNow(page);
  const donor = uniqueEmail("ach-fails");
  await giveByBank(page, donor, FAILS);
  await expect(page.getByTestId("gift-status")).toHaveText("Your gift is on its way.", { timeout: 15_000 });
  const thankYou = page.url();
  await waitForEmail(donor, "Your gift of $25.00 is on its way");

  expect(await settleDebitsOf(request, donor)).toContain("checkout.session.async_payment_failed");
  const failed = await waitForEmail(donor, "Your gift of $25.00 did not go through");
  expect(failed.text).toContain("nothing was taken from your account");
  expect(failed.html).toContain(`/campaigns/${CAMPAIGN.slug}`);
  expect(await figuresNow(page)).toEqual(before);
  expect(mailbox(donor).map((message) => message.subject)).not.toContainEqual(expect.stringMatching(/receipt/i));

  await page.goto(thankYou);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your gift did not go through");
  await expect(page.getByRole("link", { name: "Try again" })).toHaveAttribute("href", `/campaigns/${CAMPAIGN.slug}`);
  await expectNoAxeViolations(page);
});

test("a monthly gift by bank debit is on its way, then its first payment counts once the debit succeeds", async ({ page, request }) => {
  const before = await figuresNow(page);
  const donor = uniqueEmail("ach-monthly");
  await giveByBank(page, donor, SUCCEEDS, "monthly");
  await expect(page.getByTestId("gift-status")).toHaveText("Your gift is on its way.", { timeout: 15_000 });
  await expect(page.getByText(`Your monthly gift of $25.00 to ${CAMPAIGN.title} is being paid from your bank account`, { exact: false })).toBeVisible();
  await expectNoAxeViolations(page);
  const thankYou = page.url();

  const onItsWay = await waitForEmail(donor, "Your monthly gift of $25.00 is on its way");
  expect(onItsWay.text).toContain("Its first payment is on its way.");
  expect(await figuresNow(page)).toEqual(before);
  if (!admin) admin = (await signInThroughMailbox(page.context().browser()!, ADMIN_EMAIL)).context;
  const adminPage = admin.pages()[0] ?? (await admin.newPage());
  const inFlight = await usdInFlight(adminPage);
  expect(inFlight.gifts).toBeGreaterThanOrEqual(1);

  expect(await settleDebitsOf(request, donor)).toEqual(expect.arrayContaining(["invoice.paid", "checkout.session.async_payment_succeeded"]));
  const welcome = await waitForEmail(donor, "Welcome to monthly giving: receipt for $25.00");
  expect(welcome.text).toContain("US bank account (ACH Direct Debit)");
  await expect.poll(async () => (await figuresNow(page)).raisedCents, { timeout: 15_000 }).toBe(before.raisedCents + 2500);
  expect((await usdInFlight(adminPage)).gifts).toBe(inFlight.gifts - 1);
  await page.goto(thankYou);
  await expect(page.getByTestId("gift-status")).toHaveText(
    `Your monthly gift of $25.00 to ${CAMPAIGN.title} has started. We will charge it each month until you change or cancel it.`,
  );
});

test("a monthly gift whose bank debit fails never counts and tells the donor kindly", async ({ page, request }) => {
  const before = await figuresNow(page);
  const donor = uniqueEmail("ach-monthly-fails");
  await giveByBank(page, donor, FAILS, "monthly");
  await expect(page.getByTestId("gift-status")).toHaveText("Your gift is on its way.", { timeout: 15_000 });
  const thankYou = page.url();
  await waitForEmail(donor, "Your monthly gift of $25.00 is on its way");

  expect(await settleDebitsOf(request, donor)).toEqual(expect.arrayContaining(["invoice.payment_failed", "checkout.session.async_payment_failed"]));
  const failed = await waitForEmail(donor, "Your monthly gift of $25.00 did not go through");
  expect(failed.text).toContain("nothing was taken from your account");
  expect(failed.text).toContain("Update how you give");
  expect(await figuresNow(page)).toEqual(before);
  expect(mailbox(donor).map((message) => message.subject)).not.toContainEqual(expect.stringMatching(/receipt/i));

  await page.goto(thankYou);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your gift did not go through");
  await expectNoAxeViolations(page);
});
