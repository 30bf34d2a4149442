/**
 * Disputes and ending monthly gifts through the real flow: checkout on the Stripe emulator,
 * signed webhooks to /api/webhooks/stripe, the emulator's test helpers for what a bank or the
 * calendar does. A dispute lost takes the gift out of the public total and the dashboard (and
 * admins are emailed when it opens); a monthly gift cancelled at the period's end shows as
 * ending and leaves MRR, then shows as churn once the period is over.
 */
import type { APIRequestContext, BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./support/csp";
import { expectNoAxeViolations } from "./support/axe";
import { ADMIN_EMAIL, signInThroughMailbox } from "./support/admin-session";
import { emulatorAuth } from "./support/e2e-server";
import { waitForEmail } from "./support/mailbox";
import { payOnCheckout, renewSubscription, subscriptionOf, uniqueEmail, waitForMail } from "./support/giving";

const CAMPAIGN = { title: "Disputes and endings", slug: "disputes-and-endings" };
const SUCCEEDS = "4242 4242 4242 4242";

test.describe.configure({ mode: "serial" });

let admin: BrowserContext;
let adminPage: Page;
let oneOffSessionId: string;
let monthlyEmail: string;

test.afterAll(async () => {
  await admin?.close();
});

async function emulator<T>(request: APIRequestContext, method: "GET" | "POST", path: string, form?: Record<string, string>): Promise<T> {
  const response = await request.fetch(`/stripe-emulator${path}`, { method, headers: emulatorAuth(), form });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as T;
}

/** The campaign's card on the dashboard, reloaded until `term` reads `value` (webhooks arrive shortly after). */
async function expectDashboardFigure(term: string, value: string): Promise<void> {
  await expect(async () => {
    await adminPage.goto("/admin");
    await expect(adminPage.getByRole("article", { name: CAMPAIGN.title }).locator(`dd[data-figure="${term}"]`)).toHaveText(value, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}

async function expectPublicRaised(page: Page, value: string): Promise<void> {
  await expect(async () => {
    await page.goto(`/campaigns/${CAMPAIGN.slug}`);
    await expect(page.getByRole("complementary").getByTestId("raised")).toHaveText(value, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}

/** The dashboard's monthly-giving section for this campaign over [from, to]. */
async function showMovements(from: string, to: string): Promise<void> {
  await adminPage.goto("/admin");
  const form = adminPage.getByRole("form", { name: "Chart settings" });
  await form.getByLabel("Campaign", { exact: true }).selectOption({ label: CAMPAIGN.title });
  await form.getByLabel("From", { exact: true }).fill(from);
  await form.getByLabel("To", { exact: true }).fill(to);
  await form.getByRole("button", { name: "Show" }).click();
  await expect(adminPage).toHaveURL(/campaign=/);
}

const movementsFigure = (term: string) => adminPage.getByRole("region", { name: "Monthly gifts ending and ended" }).locator(`dd[data-figure="${term}"]`);
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

test("an admin opens a campaign", async ({ browser }) => {
  ({ context: admin, page: adminPage } = await signInThroughMailbox(browser, ADMIN_EMAIL));
  await adminPage.goto("/admin/campaigns/new");
  await adminPage.getByLabel("Title", { exact: true }).fill(CAMPAIGN.title);
  await adminPage.getByLabel("Summary", { exact: true }).fill("Gifts disputed and monthly gifts ending.");
  await adminPage.getByLabel("Suggested amounts", { exact: true }).fill("30, 50");
  await adminPage.getByLabel("Status", { exact: true }).selectOption("active");
  await adminPage.getByRole("button", { name: "Create campaign" }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: "Campaign created" })).toBeVisible();
});

test("a donor gives $30 once and the public total shows it", async ({ page }) => {
  await page.goto(`/campaigns/${CAMPAIGN.slug}`);
  const panel = page.getByRole("complementary");
  await panel.getByRole("radio", { name: "Give once" }).check();
  await panel.getByRole("radio", { name: "$30", exact: true }).check();
  await panel.getByRole("button", { name: "Donate", exact: true }).click();
  await payOnCheckout(page, { email: uniqueEmail("disputed"), card: SUCCEEDS, name: "Dana Disputer" });
  await expect(page.getByTestId("gift-status")).toContainText("has been received", { timeout: 20_000 });
  oneOffSessionId = new URL(page.url()).searchParams.get("session_id")!;
  await expectPublicRaised(page, "$30");
});

test("the bank disputes the gift: admins are emailed the amount, reason and deadline; lost, it leaves the public total and the dashboard", async ({
  page,
  request,
}) => {
  const session = await emulator<{ payment_intent: string }>(request, "GET", `/v1/checkout/sessions/${oneOffSessionId}`);
  const intent = await emulator<{ latest_charge: string }>(request, "GET", `/v1/payment_intents/${session.payment_intent}`);
  const dispute = await emulator<{ id: string; evidence_details: { due_by: number } }>(
    request,
    "POST",
    `/test-helpers/charges/${intent.latest_charge}/dispute`,
    { reason: "fraudulent" },
  );

  const email = await waitForEmail(ADMIN_EMAIL, /^Dispute: a gift of \$30\.00 was disputed, respond by /);
  const dueBy = new Date(dispute.evidence_details.due_by * 1000).toLocaleDateString("en-US", { dateStyle: "long", timeZone: "UTC" });
  expect(email.subject).toContain(dueBy);
  expect(email.text).toContain("Reason given: Fraudulent.");
  expect(email.text).toContain(`to ${CAMPAIGN.title} from Dana Disputer`);
  await expectPublicRaised(page, "$30"); // open: still counted until the bank decides

  await emulator(request, "POST", `/test-helpers/disputes/${dispute.id}/close`, { status: "lost" });
  await expectPublicRaised(page, "$0");
  await expectDashboardFigure("Lost to disputes", "$30");
  await expectDashboardFigure("Gifts", "0");
});

test("a monthly donor's $10 gift counts in MRR", async ({ page }) => {
  await page.goto(`/campaigns/${CAMPAIGN.slug}`);
  const panel = page.getByRole("complementary");
  await panel.getByRole("radio", { name: "Monthly" }).check();
  await panel.getByLabel("Other amount").fill("10");
  await panel.getByRole("button", { name: "Donate monthly" }).click();
  monthlyEmail = uniqueEmail("ending");
  await payOnCheckout(page, { email: monthlyEmail, card: SUCCEEDS, name: "Eun Ending" });
  await expect(page.getByTestId("gift-status")).toContainText("has started", { timeout: 20_000 });
  await waitForMail(monthlyEmail, 1);
  await expectDashboardFigure("Recurring per month", "$10");
  await expectDashboardFigure("Active monthly donors", "1");
});

test("cancelled at the period's end, it shows as ending and leaves MRR; once the period is over it is churn", async ({ request }) => {
  const subscription = await subscriptionOf(request, monthlyEmail);
  const updated = await emulator<{ cancel_at: number }>(request, "POST", `/v1/subscriptions/${subscription.id}`, { cancel_at_period_end: "true" });
  const endsOn = new Date(updated.cancel_at * 1000);

  await expectDashboardFigure("Recurring per month", "$0");
  await expectDashboardFigure("Active monthly donors", "0");
  const today = new Date();
  const through = new Date(endsOn.getTime() + 2 * 86_400_000);
  await showMovements(isoDay(today), isoDay(through));
  await expect(movementsFigure("Ending")).toHaveText("1 ($10 a month)");
  await expect(movementsFigure("Cancelled in period")).toHaveText("0");
  const endingRow = adminPage
    .getByRole("table", { name: /Monthly gifts set to end/ })
    .getByRole("row")
    .filter({ hasText: CAMPAIGN.title });
  await expect(endingRow).toContainText("$10.00");
  await expect(endingRow).toContainText(new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(endsOn));
  await expectNoAxeViolations(adminPage);

  // The period runs out: Stripe ends the subscription (customer.subscription.deleted).
  await renewSubscription(request, subscription.id);
  await expect(async () => {
    await showMovements(isoDay(today), isoDay(through));
    await expect(movementsFigure("Cancelled in period")).toHaveText("1", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(movementsFigure("Ending")).toHaveText("0 ($0 a month)");
  await expect(movementsFigure("Monthly income lost")).toHaveText("$10");
  await expectDashboardFigure("Recurring per month", "$0");
});
