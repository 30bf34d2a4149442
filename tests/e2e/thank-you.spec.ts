import type { Page } from "@playwright/test";
import { expect, test } from "./support/csp";
import { expectNoAxeViolations } from "./support/axe";
import { E2E_BASE_URL } from "./support/e2e-server";
import { formatUsd, mailbox, openMoreOptions, payOnCheckout, readFigures, uniqueEmail, waitForMail } from "./support/giving";

const CAMPAIGN = { slug: "foreign-media-in-north-korea", title: "Foreign Media in North Korea - How Kpop is Challenging the Regime" };
const SUCCEEDS = "4242 4242 4242 4242";

async function openPanel(page: Page) {
  await page.goto(`/campaigns/${CAMPAIGN.slug}`);
  return page.getByRole("complementary");
}

test("after a one-off gift: new progress, a keyboard-operable share control, a monthly offer, the updates sign-up, and one dedication card without the amount", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: E2E_BASE_URL });
  const panel = await openPanel(page);
  const before = await readFigures(page);
  await panel.getByRole("radio", { name: "$25", exact: true }).check();
  await openMoreOptions(panel);
  await panel.getByRole("radio", { name: "In honour of" }).check();
  await panel.getByLabel("Their name").fill("Mr Park");
  const family = uniqueEmail("card");
  await panel.getByLabel("Email a card to (optional)").fill(family);
  await panel.getByLabel("Name to greet on the card (optional)").fill("Ji-ho");
  await panel.getByRole("button", { name: "Donate", exact: true }).click();
  // Not paid yet: no card has gone anywhere (and the card that does arrive, below, was sent after payment).
  await expect(page).toHaveURL(/\/stripe-emulator\/checkout\//);
  expect(mailbox(family)).toHaveLength(0);

  const donor = uniqueEmail("thanks");
  const paying = new Date().toISOString();
  await payOnCheckout(page, { email: donor, card: SUCCEEDS, name: "Min-ji Park" });
  await expect(page.getByTestId("gift-status")).toHaveText(`Your gift of $25.00 to ${CAMPAIGN.title} has been received.`, { timeout: 15_000 });

  // The campaign's progress, this gift included.
  const progress = page.getByRole("region", { name: "Where the campaign stands now" });
  await expect(progress.getByTestId("raised")).toHaveText(formatUsd(before.raisedCents + 2500));
  await expect(progress.getByRole("progressbar")).toBeVisible();
  await expectNoAxeViolations(page);

  // Sharing: plain prefilled links, and "Copy link" reached and pressed with the keyboard.
  const campaignUrl = `${E2E_BASE_URL}/campaigns/${CAMPAIGN.slug}`;
  const share = page.getByRole("region", { name: "Tell others about it" });
  await expect(share.getByLabel("Campaign link")).toHaveValue(campaignUrl);
  for (const network of ["Facebook", "X", "LinkedIn", "WhatsApp", "Bluesky"]) {
    await expect(share.getByRole("link", { name: `Share on ${network}` })).toHaveAttribute(
      "href",
      new RegExp(encodeURIComponent(campaignUrl).replace(/[.]/g, "\\.")),
    );
  }
  await expect(share.getByRole("link", { name: "Share by email" })).toHaveAttribute("href", /^mailto:\?subject=/);
  await share.getByLabel("Campaign link").focus();
  const copy = share.getByRole("button", { name: "Copy link" });
  for (let presses = 0; presses < 3 && !(await copy.evaluate((element) => element === document.activeElement)); presses++) await page.keyboard.press("Tab");
  await expect(copy).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(share.getByRole("status")).toHaveText("Link copied.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(campaignUrl);

  // Not subscribed: the page offers the updates sign-up (and the footer does not repeat it).
  await expect(page.getByRole("form", { name: "Hear what your gift makes possible" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Email updates" })).toHaveCount(0);

  // Exactly one card, after payment, naming the donor and the dedication, never the amount.
  const [card] = await waitForMail(family, 1);
  expect(card!.receivedAt >= paying, `the card was sent at ${card!.receivedAt}, before the payment at ${paying}`).toBe(true);
  expect(card!.subject).toBe("A gift in honour of Mr Park");
  expect(card!.text).toContain("Dear Ji-ho");
  expect(card!.text).toContain("Min-ji Park has made a gift");
  for (const body of [card!.text, card!.html, card!.subject]) expect(body).not.toMatch(/\$\s?\d|25\.00/);
  await waitForMail(donor, 1); // the receipt went out in the same outbox round or after
  expect(mailbox(family)).toHaveLength(1);

  // The monthly offer starts monthly giving of the same amount to the same campaign.
  await page.getByRole("button", { name: "Give $25.00 every month" }).click();
  await payOnCheckout(page, { email: donor, card: SUCCEEDS, name: "Min-ji Park" });
  await expect(page.getByTestId("gift-status")).toHaveText(
    `Your monthly gift of $25.00 to ${CAMPAIGN.title} has started. We will charge it each month until you change or cancel it.`,
    { timeout: 15_000 },
  );
  await expect(page.getByRole("button", { name: /every month/ })).toHaveCount(0);
  // The monthly gift's receipt is queued in the transaction that would queue a second card: once
  // it has arrived, that card would have too.
  await waitForMail(donor, 2);
  expect(mailbox(family)).toHaveLength(1);
});

test("a bad address for the dedication card is refused with a message, and no checkout starts", async ({ page }) => {
  const panel = await openPanel(page);
  await panel.getByRole("radio", { name: "$25", exact: true }).check();
  await openMoreOptions(panel);
  await panel.getByRole("radio", { name: "In memory of" }).check();
  await panel.getByLabel("Their name").fill("Grandma Kim");
  await panel.getByLabel("Email a card to (optional)").fill("grandpa.example.org");
  await panel.getByRole("button", { name: "Donate", exact: true }).click();
  await expect(panel.getByRole("alert")).toHaveText("Please check the highlighted fields.");
  await expect(panel.getByLabel("Email a card to (optional)")).toHaveAccessibleDescription(/An email address needs an @, like name@example\.org\./);
  await expect(panel.getByLabel("Email a card to (optional)")).toHaveValue("grandpa.example.org");
  await expect(page).toHaveURL(new RegExp(`/campaigns/${CAMPAIGN.slug}$`));
  await expectNoAxeViolations(page);
});
