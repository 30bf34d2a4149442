/**
 * Yearly giving end to end (a campaign that offers it, checkout with interval year, the receipt,
 * the giving page, the dashboard and the CSV), and pausing a monthly gift from the giving page:
 * no charge while paused (the emulator's clock moves that donor's billing past a payment date),
 * restarting early, one confirmation email per change.
 */
import type { APIRequestContext, BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./support/csp";
import { expectNoAxeViolations } from "./support/axe";
import { ADMIN_EMAIL, signInThroughMailbox } from "./support/admin-session";
import { emulatorAuth } from "./support/e2e-server";
import { mailbox, payOnCheckout, uniqueEmail, waitForMail } from "./support/giving";
import { waitForEmail } from "./support/mailbox";

const CAMPAIGN = { title: "Yearly and paused gifts", slug: "yearly-and-paused-gifts" };
const SUCCEEDS = "4242 4242 4242 4242";
const DAY = 86_400;

test.describe.configure({ mode: "serial" });

let admin: BrowserContext;
let adminPage: Page;

test.afterAll(async () => {
  await admin?.close();
});

function linkIn(html: string, pattern: RegExp): string {
  const href = pattern.exec(html)?.[1]?.replace(/&amp;/g, "&");
  expect(href, `a link matching ${pattern}`).toBeTruthy();
  const url = new URL(href!);
  return `${url.pathname}${url.search}`;
}

interface EmulatorSubscription {
  id: string;
  customer: string;
  status: string;
  pause_collection: { behavior: string; resumes_at: number | null } | null;
  items: { data: { current_period_end: number; price: { recurring: { interval: string } } }[] };
}

async function subscriptionOf(request: APIRequestContext, email: string): Promise<EmulatorSubscription> {
  const customers = await (await request.get(`/stripe-emulator/v1/customers?email=${encodeURIComponent(email)}`, { headers: emulatorAuth() })).json();
  const customerId = customers.data[0]?.id as string;
  const list = await (await request.get(`/stripe-emulator/v1/subscriptions?customer=${customerId}&status=all`, { headers: emulatorAuth() })).json();
  return list.data[0] as EmulatorSubscription;
}

/** Moves this donor's billing to `frozenTime` (unix seconds), as a Stripe test clock attached to the customer. */
async function advanceClock(request: APIRequestContext, customer: string, frozenTime: number): Promise<string[]> {
  const response = await request.post("/stripe-emulator/test-helpers/clock/advance", {
    headers: emulatorAuth(),
    form: { customer, frozen_time: String(frozenTime) },
  });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()).events as { type: string }[]).map((event) => event.type);
}

async function invoicesOf(request: APIRequestContext, subscription: string): Promise<{ status: string; amount_paid: number }[]> {
  const list = await (await request.get(`/stripe-emulator/v1/invoices?subscription=${subscription}`, { headers: emulatorAuth() })).json();
  return list.data;
}

test("an admin offers once, monthly and yearly on a campaign", async ({ browser }) => {
  ({ context: admin, page: adminPage } = await signInThroughMailbox(browser, ADMIN_EMAIL));
  await adminPage.goto("/admin/campaigns/new");
  await adminPage.getByLabel("Title", { exact: true }).fill(CAMPAIGN.title);
  await adminPage.getByLabel("Summary", { exact: true }).fill("Gifts given yearly, and monthly gifts paused for a while.");
  await adminPage.getByLabel("Goal", { exact: true }).fill("5000");
  await adminPage.getByLabel("Suggested amounts", { exact: true }).fill("60, 120, 240");
  await adminPage.getByLabel("Status", { exact: true }).selectOption("active");
  const frequencies = adminPage.getByRole("group", { name: "How often donors can give" });
  await expect(frequencies.getByRole("checkbox", { name: "Give once" })).toBeChecked();
  await expect(frequencies.getByRole("checkbox", { name: "Monthly" })).toBeChecked();
  await expect(frequencies.getByRole("checkbox", { name: "Yearly" })).not.toBeChecked();
  // Starting the form on a frequency it does not offer is refused, with the reason.
  await adminPage.getByLabel("The form starts on", { exact: true }).selectOption("yearly");
  await adminPage.getByRole("button", { name: "Create campaign" }).click();
  await expect(adminPage.getByText("Offer “Yearly”, where the form starts, or start the form on a frequency you offer.").first()).toBeVisible();
  await adminPage.getByLabel("The form starts on", { exact: true }).selectOption("once");
  await adminPage.getByRole("group", { name: "How often donors can give" }).getByRole("checkbox", { name: "Yearly" }).check();
  await adminPage.getByRole("button", { name: "Create campaign" }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: "Campaign created" })).toHaveText("Campaign created. It is live on the site now.");
});

test("a yearly gift: checkout, receipt, giving page, dashboard and CSV all say yearly", async ({ page, request }) => {
  await page.goto(`/campaigns/${CAMPAIGN.slug}`);
  const panel = page.getByRole("complementary");
  await expect(panel.getByRole("radio")).toHaveCount(3 + 3); // three frequencies, three amounts
  await panel.getByRole("radio", { name: "Yearly" }).check();
  await panel.getByRole("radio", { name: "$120", exact: true }).check();
  await expect(panel.getByText("$120.00 each year, until you cancel.")).toBeVisible();
  await expectNoAxeViolations(page);
  await panel.getByRole("button", { name: "Donate yearly" }).click();
  const email = uniqueEmail("yearly");
  await payOnCheckout(page, { email, card: SUCCEEDS, name: "Mina Park" });
  await expect(page.getByTestId("gift-status")).toHaveText(
    `Your yearly gift of $120.00 to ${CAMPAIGN.title} has started. We will charge it each year until you change or cancel it.`,
    { timeout: 20_000 },
  );

  const subscription = await subscriptionOf(request, email);
  expect(subscription.items.data[0]!.price.recurring.interval).toBe("year");

  const receipt = await waitForEmail(email, "Welcome to yearly giving: receipt for $120.00");
  expect(receipt.text).toContain("we will charge the same amount each year until you change or cancel it");
  expect(receipt.text).toContain("Yearly gift");
  await page.goto(linkIn(receipt.html, /href="([^"]*\/receipts\/[^"]+)"/));
  await expect(page.getByRole("main")).toContainText("Yearly gift");

  // The giving page: renews on its anniversary, no pause (that is for monthly gifts).
  await page.goto(linkIn(receipt.html, /href="([^"]*\/donate\/manage\?token=[^"]+)"/));
  const gift = page.getByRole("article", { name: `$120.00 a year to ${CAMPAIGN.title}` });
  const renews = new Date(subscription.items.data[0]!.current_period_end * 1000).toLocaleDateString("en-US", { dateStyle: "long", timeZone: "UTC" });
  await expect(gift).toContainText(`Renews on ${renews}.`);
  await expect(gift.getByLabel("New yearly amount (USD)")).toBeVisible();
  await expect(gift.getByRole("button", { name: "Pause gift" })).toHaveCount(0);
  await expect(gift.getByRole("button", { name: "Cancel yearly gift" })).toBeVisible();
  await expect(page.getByRole("table")).toContainText(`${CAMPAIGN.title} (yearly)`);
  await expectNoAxeViolations(page);

  // The dashboard: a twelfth of it in "recurring per month", and the yearly gift on its own.
  await adminPage.goto("/admin");
  const card = adminPage.getByRole("article", { name: CAMPAIGN.title });
  const figure = (term: string) => card.locator(`dd[data-figure="${term}"]`);
  await expect(figure("Recurring per month")).toHaveText("$10");
  await expect(figure("Yearly gifts")).toHaveText("1 ($120 a year)");
  await expect(figure("Active monthly donors")).toHaveText("0");

  const csv = await (await admin.request.get(`/admin/exports/gifts?${new URLSearchParams({ q: email })}`)).text();
  const row = csv.split("\n").find((line) => line.includes(email));
  expect(row).toContain(",yearly,");
});

test("a monthly donor pauses for two months from the giving page: nothing is charged while paused; they restart early", async ({ page, request }) => {
  await page.goto(`/campaigns/${CAMPAIGN.slug}`);
  const panel = page.getByRole("complementary");
  await panel.getByRole("radio", { name: "Monthly" }).check();
  await panel.getByLabel("Other amount").fill("10");
  await panel.getByRole("button", { name: "Donate monthly" }).click();
  const email = uniqueEmail("pause");
  await payOnCheckout(page, { email, card: SUCCEEDS, name: "Ji-woo Kim" });
  await expect(page.getByTestId("gift-status")).toContainText("has started", { timeout: 20_000 });
  const [welcome] = await waitForMail(email, 1);
  const before = await subscriptionOf(request, email);
  const firstPayment = before.items.data[0]!.current_period_end;

  await page.goto(linkIn(welcome!.html, /href="([^"]*\/donate\/manage\?token=[^"]+)"/));
  const gift = page.getByRole("article", { name: `$10.00 a month to ${CAMPAIGN.title}` });
  await expect(gift).toContainText("Active.");

  // The cancel step offers pausing first.
  await gift.getByRole("button", { name: "Cancel monthly gift" }).click();
  const step = gift.getByRole("region", { name: `Cancel your $10.00 monthly gift to ${CAMPAIGN.title}?` });
  await expect(step).toContainText("Need a break? Pause your gift instead");
  await step.getByLabel("Pause payments for").selectOption("2");
  await expectNoAxeViolations(page);
  await step.getByRole("button", { name: "Pause gift" }).click();

  // Two payments skipped: it restarts two months after the next payment date.
  const resumes = new Date(firstPayment * 1000);
  resumes.setUTCMonth(resumes.getUTCMonth() + 2);
  const until = resumes.toLocaleDateString("en-US", { dateStyle: "long", timeZone: "UTC" });
  await expect(gift.getByRole("status")).toContainText(`Your monthly gift is paused until ${until}.`);
  await expect(gift).toContainText(`Paused until ${until}.`);
  await expect(gift).toContainText("No payment is taken while your gift is paused.");
  await expect(gift.getByRole("button", { name: "Restart my gift now" })).toBeVisible();
  await expect(gift.getByRole("button", { name: "Pause gift" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  const paused = await subscriptionOf(request, email);
  expect(paused).toMatchObject({ status: "active", pause_collection: { behavior: "void", resumes_at: resumes.getTime() / 1000 } });
  await waitForEmail(email, `Your monthly gift is paused until ${until}`);

  // The emulator's clock passes the next payment date: the invoice is voided, nothing charged, no receipt.
  const events = await advanceClock(request, paused.customer, firstPayment + DAY);
  expect(events).toEqual(["invoice.created", "invoice.voided", "customer.subscription.updated"]);
  const invoices = await invoicesOf(request, paused.id);
  expect(invoices.filter((invoice) => invoice.status === "paid")).toHaveLength(1);
  expect(invoices.filter((invoice) => invoice.status === "void")).toHaveLength(1);
  await page.reload();
  await expect(gift).toContainText(`Paused until ${until}.`);
  // One email per change: the welcome receipt and the pause, nothing for the skipped month.
  await expect.poll(() => mailbox(email).map((message) => message.subject)).toEqual([`Your monthly gift is paused until ${until}`, welcome!.subject]);

  // The dashboard counts the paused gift as neither active nor ended.
  await adminPage.goto("/admin");
  const card = adminPage.getByRole("article", { name: CAMPAIGN.title });
  await expect(card.locator('dd[data-figure="Active monthly donors"]')).toHaveText("0");
  await expect(card.locator('dd[data-figure="Recurring per month"]')).toHaveText("$10"); // the yearly gift's twelfth only

  // Restart early: the next payment is the next billing date, and it is charged.
  await gift.getByRole("button", { name: "Restart my gift now" }).click();
  await expect(gift.getByRole("status")).toContainText("Your monthly gift has restarted.");
  await expect(gift).toContainText("Active.");
  await waitForEmail(email, "Your monthly gift has restarted");
  expect((await subscriptionOf(request, email)).pause_collection).toBeNull();
  await adminPage.reload();
  await expect(card.locator('dd[data-figure="Active monthly donors"]')).toHaveText("1");
  await expect(card.locator('dd[data-figure="Recurring per month"]')).toHaveText("$20");

  const nextPayment = (await subscriptionOf(request, email)).items.data[0]!.current_period_end;
  expect(await advanceClock(request, paused.customer, nextPayment + DAY)).toContain("invoice.paid");
  await waitForEmail(email, "Receipt for your monthly gift of $10.00");
  expect(mailbox(email).filter((message) => /paused|restarted/.test(message.subject))).toHaveLength(2);
});
