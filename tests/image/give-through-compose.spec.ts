/**
 * `npm run test:image` (tests/image/run.sh): the compose set started from compose.yaml with the
 * image built from Containerfile — PostgreSQL, app-1 and app-2 behind nginx, the email worker —
 * and one gift given through nginx in Chromium: the emulator's checkout (app-1's, nginx sends
 * /stripe-emulator/ there), its webhook back through nginx, the new total, and the receipt in the
 * shared data volume's mailbox (sent by the instance that took the webhook, right after
 * committing; run.sh checks the worker container's loop started). run.sh passes where things are:
 * IMAGE_TEST_URL (APP_URL), IMAGE_TEST_MAILBOX (the data volume's mailbox folder on this machine)
 * and IMAGE_TEST_ORG_NAME (the ORG_NAME the containers started with; the image was built without it).
 */
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { formatUsd, payOnCheckout, readFigures } from "../e2e/support/giving";

const baseURL = process.env.IMAGE_TEST_URL!;
const mailbox = process.env.IMAGE_TEST_MAILBOX!;
const orgName = process.env.IMAGE_TEST_ORG_NAME!;
const CAMPAIGN = { slug: "foreign-media-in-north-korea", title: "Foreign Media in North Korea - How Kpop is Challenging the Regime" };

test("a gift through nginx and two instances: checkout, webhook, new total, receipt", async ({ page }) => {
  expect(baseURL && mailbox && orgName, "run by tests/image/run.sh").toBeTruthy();
  const response = await page.goto(`${baseURL}/campaigns/${CAMPAIGN.slug}`);
  // nginx's micro-cache answered (HIT, MISS, STALE...): the page went through it.
  expect(response!.headers()["x-cache-status"]).toBeTruthy();
  await expect(page.getByRole("heading", { level: 1, name: CAMPAIGN.title })).toBeVisible();
  await expect(page.getByText(orgName).first()).toBeVisible();
  const before = await readFigures(page);

  const panel = page.getByRole("complementary");
  await panel.getByRole("radio", { name: "Give once" }).check();
  await panel.getByRole("radio", { name: "$25", exact: true }).check();
  await panel.getByRole("button", { name: "Donate", exact: true }).click();
  const email = `image-${Date.now()}@donor.test`;
  await payOnCheckout(page, { email, card: "4242 4242 4242 4242", name: "Container Donor" });
  await expect(page).toHaveURL(/\/donate\/thank-you\?session_id=cs_test_/);
  await expect(page.getByTestId("gift-status")).toHaveText(`Your gift of $25.00 to ${CAMPAIGN.title} has been received.`, { timeout: 20_000 });

  // Either instance may answer, through nginx's cache (at most ~2 s old): wait for the new total.
  await expect
    .poll(
      async () => {
        await page.goto(`${baseURL}/campaigns/${CAMPAIGN.slug}`);
        return (await readFigures(page)).raisedCents;
      },
      { timeout: 20_000 },
    )
    .toBe(before.raisedCents + 2500);
  await expect(page.getByRole("complementary").getByTestId("raised")).toHaveText(formatUsd(before.raisedCents + 2500));

  const receipts = () =>
    (fs.existsSync(mailbox) ? fs.readdirSync(mailbox) : [])
      .filter((name) => name.endsWith(".json"))
      .map((name) => JSON.parse(fs.readFileSync(path.join(mailbox, name), "utf8")) as { to: string; subject: string; text: string })
      .filter((message) => message.to === email);
  await expect.poll(() => receipts().length, { timeout: 30_000, message: `the receipt to ${email}` }).toBe(1);
  expect(receipts()[0]!.subject).toBe("Receipt for your gift of $25.00");
  expect(receipts()[0]!.text).toContain(orgName);
});
