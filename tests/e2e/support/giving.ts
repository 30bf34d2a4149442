import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { emulatorAuth } from "./e2e-server";

/** Helpers for the giving specs: unique donors, the figures on a campaign page, the dev mailbox, the emulator. */

export function uniqueEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@donor.test`;
}

export interface Figures {
  raisedCents: number;
  donors: number;
}

/** The raised amount (in cents; USD campaigns) and donor count the giving panel shows. */
export async function readFigures(page: Page): Promise<Figures> {
  const panel = page.getByRole("complementary");
  const raised = (await panel.getByTestId("raised").innerText()).replace(/[$,]/g, "");
  const donors = (await panel.getByTestId("donors").innerText()).replace(/[^\d]/g, "");
  return { raisedCents: Math.round(Number(raised) * 100), donors: Number(donors) };
}

export function formatUsd(cents: number): string {
  const whole = cents % 100 === 0;
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: whole ? 0 : 2 }).format(cents / 100);
}

export { mailbox, waitForMail, type MailboxMessage } from "./mailbox";

/** The donor's subscription at the emulator, found by the email they paid with. */
export async function subscriptionOf(request: APIRequestContext, email: string): Promise<{ id: string; status: string }> {
  const customers = await (await request.get(`/stripe-emulator/v1/customers?email=${encodeURIComponent(email)}`, { headers: emulatorAuth() })).json();
  const customerId = customers.data[0]?.id as string;
  expect(customerId).toMatch(/^cus_/);
  const subscriptions = await (await request.get(`/stripe-emulator/v1/subscriptions?customer=${customerId}&status=all`, { headers: emulatorAuth() })).json();
  return subscriptions.data[0] as { id: string; status: string };
}

/** Bills the next month of a subscription now (the emulator's test helper). */
export async function renewSubscription(request: APIRequestContext, subscriptionId: string): Promise<void> {
  const response = await request.post(`/stripe-emulator/test-helpers/subscriptions/${subscriptionId}/renew`, { headers: emulatorAuth() });
  expect(response.ok(), await response.text()).toBe(true);
}

/**
 * Opens the giving panel's "More options" (card fee, dedication, anonymity, updates): a native
 * <details>, closed by default so the Donate button stays in view. Its summary has no ARIA role,
 * so it is found by its text.
 */
export async function openMoreOptions(panel: Locator): Promise<void> {
  const details = panel.locator("details", { hasText: "More options" });
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) await details.getByText("More options").click();
  await expect(panel.getByRole("checkbox", { name: /Cover the card fee/ })).toBeVisible();
}

/** Fills the emulator's hosted checkout page and pays. */
export async function payOnCheckout(page: Page, input: { email: string; card: string; name?: string }): Promise<void> {
  await expect(page).toHaveURL(/\/stripe-emulator\/checkout\//);
  await page.getByLabel("Email").fill(input.email);
  await page.getByLabel("Card number").fill(input.card);
  if (input.name) await page.getByLabel("Name on card").fill(input.name);
  // Lantern asks Checkout for "Donate" (submit_type), monthly gifts included.
  await page.getByRole("button", { name: "Donate", exact: true }).click();
}
