/**
 * Test mode on any port: a server started with `PORT=<port> npm start` and no APP_URL calls its
 * own Stripe emulator at the address it listens on (it used to call localhost:3000 and answer
 * "We could not reach our payment provider"), and its links lead back to that port.
 */
import { expect, test } from "./support/csp";
import { ANY_PORT, ANY_PORT_BASE_URL } from "./support/e2e-server";
import { payOnCheckout, uniqueEmail } from "./support/giving";

test.use({ baseURL: ANY_PORT_BASE_URL });

const CAMPAIGN = { slug: "foreign-media-in-north-korea", title: "Foreign Media in North Korea - How Kpop is Challenging the Regime" };

test("a gift on a server started with PORT=<its port> and no APP_URL goes through its own emulator", async ({ page }) => {
  await page.goto(`/campaigns/${CAMPAIGN.slug}`);
  const panel = page.getByRole("complementary");
  await panel.getByRole("radio", { name: "Give once" }).check();
  await panel.getByLabel("Other amount").fill("7");
  await panel.getByRole("button", { name: "Donate", exact: true }).click();

  // The emulator's checkout on this server's own port (APP_URL unset: the listening address).
  await expect(page).toHaveURL(new RegExp(`^http://(localhost|127\\.0\\.0\\.1):${ANY_PORT}/stripe-emulator/checkout/cs_test_`));
  await payOnCheckout(page, { email: uniqueEmail("any-port"), card: "4242 4242 4242 4242", name: "Port Tester" });

  await expect(page).toHaveURL(new RegExp(`^http://(localhost|127\\.0\\.0\\.1):${ANY_PORT}/donate/thank-you\\?session_id=cs_test_`));
  await expect(page.getByTestId("gift-status")).toHaveText(`Your gift of $7.00 to ${CAMPAIGN.title} has been received.`, { timeout: 15_000 });
});
