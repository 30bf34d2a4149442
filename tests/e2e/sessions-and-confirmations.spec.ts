/**
 * Issue 23, findings 8 and 9 in the browser: signing out of the giving page ends the session on
 * the server, not only in this browser.
 */
import { expect, test } from "./support/csp";
import { payOnCheckout, uniqueEmail } from "./support/giving";
import { waitForEmail } from "./support/mailbox";

const CAMPAIGN = { slug: "inside-north-korea-pandemic-era-controls" };

test("'Sign out of this page' ends the session on the server: a copy of its cookie no longer opens the page", async ({ page, browser, baseURL }) => {
  const email = uniqueEmail("signs-out");
  await page.goto(`/campaigns/${CAMPAIGN.slug}`);
  const panel = page.getByRole("complementary");
  await panel.getByRole("radio", { name: "Give once" }).check();
  await panel.getByLabel("Other amount").fill("7");
  await panel.getByRole("button", { name: "Donate", exact: true }).click();
  await payOnCheckout(page, { email, card: "4242 4242 4242 4242", name: "Seo-yeon Han" });
  await expect(page.getByTestId("gift-status")).toContainText("has been received", { timeout: 15_000 });

  await page.goto("/donate/manage");
  await page.getByLabel("Your email address").fill(email);
  await page.getByRole("button", { name: "Email me a link" }).click();
  const linkEmail = await waitForEmail(email, /^Your link to manage your giving/);
  const link = new URL(/href="([^"]*\/donate\/manage\?link=[^"]+)"/.exec(linkEmail.html)![1]!.replace(/&amp;/g, "&"));
  await page.goto(link.pathname + link.search);
  await page.getByRole("button", { name: "Open my giving page" }).click();
  await expect(page.getByText(`Signed in as ${email}.`)).toBeVisible();

  // Someone copies the session cookie (a shared computer, a synced profile)…
  const copied = (await page.context().cookies()).filter((cookie) => cookie.name === "lantern_manage_giving");
  expect(copied).toHaveLength(1);

  // …the donor signs out…
  await page.getByRole("button", { name: "Sign out of this page" }).click();
  await expect(page.getByRole("button", { name: "Email me a link" })).toBeVisible();

  // …and the copy opens nothing, though it has not expired.
  const elsewhere = await browser.newContext({ baseURL });
  try {
    await elsewhere.addCookies(copied);
    const other = await elsewhere.newPage();
    await other.goto("/donate/manage");
    await expect(other.getByRole("button", { name: "Email me a link" })).toBeVisible();
    await expect(other.getByText(`Signed in as ${email}.`)).toHaveCount(0);
  } finally {
    await elsewhere.close();
  }
});
