/**
 * The dashboard's figures for gifts made through the real giving flow: donation panel → the
 * Stripe emulator's checkout → signed webhooks to /api/webhooks/stripe (the only writer of
 * gifts), plus a renewal, a partial refund, and a signed redelivery of an event already handled.
 */
import Stripe from "stripe";
import type { APIRequestContext, BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./support/csp";
import { expectNoAxeViolations } from "./support/axe";
import { ADMIN_EMAIL, signInThroughMailbox } from "./support/admin-session";
import { emulatorAuth, installationSecretOfServer } from "./support/e2e-server";
import { openMoreOptions, payOnCheckout, renewSubscription, subscriptionOf, uniqueEmail, waitForMail } from "./support/giving";

const CAMPAIGN = { title: "Giving flow figures", slug: "giving-flow-figures" };
const SUCCEEDS = "4242 4242 4242 4242";

test.describe.configure({ mode: "serial" });

let admin: BrowserContext;
let adminPage: Page;
let oneOffSessionId: string;

test.afterAll(async () => {
  await admin?.close();
});

async function emulatorGet<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(`/stripe-emulator${path}`, { headers: emulatorAuth() });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as T;
}

test("an admin opens a campaign for the giving flow", async ({ browser }) => {
  ({ context: admin, page: adminPage } = await signInThroughMailbox(browser, ADMIN_EMAIL));
  await adminPage.goto("/admin/campaigns/new");
  await adminPage.getByLabel("Title", { exact: true }).fill(CAMPAIGN.title);
  await adminPage.getByLabel("Summary", { exact: true }).fill("Gifts made through checkout, counted on the dashboard.");
  await adminPage.getByLabel("Goal", { exact: true }).fill("1000");
  await adminPage.getByLabel("Suggested amounts", { exact: true }).fill("25, 50");
  await adminPage.getByLabel("Status", { exact: true }).selectOption("active");
  await adminPage.getByRole("button", { name: "Create campaign" }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: "Campaign created" })).toHaveText("Campaign created. It is live on the site now.");
});

test("a donor gives $25 once, covering the fee, anonymously, in honour of someone", async ({ page }) => {
  await page.goto(`/campaigns/${CAMPAIGN.slug}`);
  const panel = page.getByRole("complementary");
  await panel.getByRole("radio", { name: "Give once" }).check();
  await panel.getByRole("radio", { name: "$25", exact: true }).check();
  await openMoreOptions(panel);
  await panel.getByRole("checkbox", { name: /Cover the card fee/ }).check();
  await panel.getByRole("radio", { name: "In honour of" }).check();
  await panel.getByLabel("Their name").fill("Teacher Han");
  await panel.getByRole("checkbox", { name: /Give anonymously/ }).check();
  await expect(panel.getByText("Total: $26.06")).toBeVisible();
  await panel.getByRole("button", { name: "Donate", exact: true }).click();
  await payOnCheckout(page, { email: uniqueEmail("admin-once"), card: SUCCEEDS, name: "Hidden Donor" });
  await expect(page).toHaveURL(/\/donate\/thank-you\?session_id=cs_test_/);
  await expect(page.getByTestId("gift-status")).toHaveText(`Your gift of $26.06 to ${CAMPAIGN.title} has been received.`, { timeout: 20_000 });
  oneOffSessionId = new URL(page.url()).searchParams.get("session_id")!;
});

test("another donor gives $10 monthly, renewed once", async ({ page, request }) => {
  await page.goto(`/campaigns/${CAMPAIGN.slug}`);
  const panel = page.getByRole("complementary");
  await panel.getByRole("radio", { name: "Monthly" }).check();
  await panel.getByLabel("Other amount").fill("10");
  await panel.getByRole("button", { name: "Donate monthly" }).click();
  const email = uniqueEmail("admin-monthly");
  await payOnCheckout(page, { email, card: SUCCEEDS, name: "Joon Lee" });
  await expect(page.getByTestId("gift-status")).toContainText("has started", { timeout: 20_000 });
  await waitForMail(email, 1);
  await renewSubscription(request, (await subscriptionOf(request, email)).id);
  await waitForMail(email, 2); // the renewal's receipt: its gift is recorded
});

test("part of the one-off gift is refunded at Stripe", async ({ request }) => {
  const session = await emulatorGet<{ payment_intent: string }>(request, `/v1/checkout/sessions/${oneOffSessionId}`);
  const refund = await request.post("/stripe-emulator/v1/refunds", {
    headers: emulatorAuth(),
    form: { payment_intent: session.payment_intent, amount: "606" },
  });
  expect(refund.ok(), await refund.text()).toBe(true);
  // charge.refunded reaches the webhook shortly after
  await expect(async () => {
    await adminPage.goto("/admin");
    await expect(adminPage.getByRole("article", { name: CAMPAIGN.title }).locator('dd[data-figure="Refunded"]')).toHaveText("$6.06", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
});

test("a signed redelivery of an event already handled changes nothing", async ({ request }) => {
  const events = await emulatorGet<{ data: { id: string; data: { object: { id: string } } }[] }>(
    request,
    "/v1/events?type=checkout.session.completed&limit=100",
  );
  const completed = events.data.find((event) => event.data.object.id === oneOffSessionId);
  expect(completed).toBeTruthy();
  const payload = JSON.stringify(await emulatorGet<object>(request, `/v1/events/${completed!.id}`));
  const signature = new Stripe(installationSecretOfServer("stripe-emulator-key")).webhooks.generateTestHeaderString({
    payload,
    secret: installationSecretOfServer("stripe-webhook-secret"),
  });
  const response = await request.post("/api/webhooks/stripe", {
    data: payload,
    headers: { "content-type": "application/json", "stripe-signature": signature },
  });
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ received: true, status: "duplicate" });
});

test("the dashboard's totals match those gifts, and the public page agrees", async () => {
  // one-off 2,606 − 606 refunded = 2,000; monthly 1,000 + 1,000; 3 gifts by 2 donors
  await adminPage.goto("/admin");
  const card = adminPage.getByRole("article", { name: CAMPAIGN.title });
  const figure = (term: string) => card.locator(`dd[data-figure="${term}"]`);
  await expect(card.getByRole("progressbar", { name: `Progress of ${CAMPAIGN.title}` })).toHaveAttribute("aria-valuetext", "$40 raised of $1,000 goal (4%)");
  await expect(figure("Gifts")).toHaveText("3");
  await expect(figure("Unique donors")).toHaveText("2");
  await expect(figure("Average gift")).toHaveText("$13.33");
  await expect(figure("One-off")).toHaveText("$20 (1)");
  await expect(figure("Recurring")).toHaveText("$20 (2)");
  await expect(figure("Active monthly donors")).toHaveText("1");
  await expect(figure("Recurring per month")).toHaveText("$10");
  await expect(figure("Refunded")).toHaveText("$6.06");

  await adminPage.goto("/admin/gifts");
  await adminPage.getByLabel("Campaign", { exact: true }).selectOption({ label: CAMPAIGN.title });
  await adminPage.getByRole("button", { name: "Apply" }).click();
  const rows = adminPage.getByRole("table", { name: "Gifts, newest first" }).getByRole("row");
  await expect(rows).toHaveCount(4);
  await expect(rows.filter({ hasText: "$26.06" })).toContainText("Anonymous");
  await expect(rows.filter({ hasText: "$26.06" })).toContainText("Partly refunded ($6.06)");
  await expect(rows.filter({ hasText: "$26.06" })).toContainText("In honour of Teacher Han");
  await expect(rows.filter({ hasText: "Monthly" })).toHaveCount(2);
  await expect(rows.filter({ hasText: "Monthly" }).first()).toContainText("Joon Lee");
  await expectNoAxeViolations(adminPage);

  const visitor = await adminPage.context().browser()!.newContext();
  const publicPage = await visitor.newPage();
  await publicPage.goto(`/campaigns/${CAMPAIGN.slug}`);
  await expect(publicPage.getByRole("complementary").getByTestId("raised")).toHaveText("$40");
  await visitor.close();
});
