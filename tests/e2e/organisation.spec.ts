/**
 * Who we are: the ORG_* settings of the e2e server (E2E_ORGANISATION) on /about, in every page's
 * footer, and behind every "contact us".
 */
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/csp";
import { E2E_ORGANISATION } from "./support/e2e-server";

const ORG = E2E_ORGANISATION;
const CONTACT = `mailto:${ORG.ORG_CONTACT_EMAIL}`;
const ADDRESS_LINES = ORG.ORG_ADDRESS.split(";").map((line) => line.trim());

test("the about page says who runs the site, from the settings, and is cached", async ({ page, request }) => {
  const response = await page.goto("/about");
  expect(response?.status()).toBe(200);
  // Static: served from the build's prerendered pages, with the cached pages' policy (no nonce).
  expect(response?.headers()["content-security-policy"]).not.toContain("nonce-");
  expect((await request.get("/about")).headers()["cache-control"]).not.toMatch(/no-store|private/);
  expect(await (await request.get("/sitemap.xml")).text()).toContain("/about</loc>");

  await expect(page.getByRole("heading", { level: 1, name: "About Lantern for Human Rights" })).toBeVisible();
  const main = page.getByRole("main");
  await expect(main.getByText(ORG.ORG_MISSION)).toBeVisible();
  await expect(main.getByText(ORG.ORG_LEGAL_NAME, { exact: true })).toBeVisible();
  await expect(main.getByText(ORG.ORG_REGISTRATION_NUMBER, { exact: true })).toBeVisible();
  for (const line of ADDRESS_LINES) await expect(main.getByText(line, { exact: true })).toBeVisible();
  await expect(main.getByText(ORG.ORG_TAX_STATEMENT)).toBeVisible();
  for (const link of await main.getByRole("link", { name: ORG.ORG_CONTACT_EMAIL }).all()) await expect(link).toHaveAttribute("href", CONTACT);
  await expect(main.getByRole("link", { name: ORG.ORG_CONTACT_EMAIL })).toHaveCount(2);
  await expectNoAxeViolations(page);
});

test("every page's footer shows the organisation's details and links to the about page and the contact", async ({ page }) => {
  for (const path of ["/", "/campaigns/foreign-media-in-north-korea", "/privacy", "/donate"]) {
    await page.goto(path);
    const footer = page.getByRole("contentinfo");
    await expect(footer.getByText(ORG.ORG_MISSION)).toBeVisible();
    const details = footer.locator("address");
    await expect(details).toContainText(ORG.ORG_LEGAL_NAME);
    await expect(details).toContainText(ORG.ORG_REGISTRATION_NUMBER);
    for (const line of ADDRESS_LINES) await expect(details).toContainText(line);
    await expect(footer.getByRole("link", { name: ORG.ORG_CONTACT_EMAIL })).toHaveAttribute("href", CONTACT);
    await expect(footer.getByRole("link", { name: "Contact" })).toHaveAttribute("href", CONTACT);
    await expect(footer.getByRole("link", { name: "About us" })).toHaveAttribute("href", "/about");
  }
  await page.getByRole("contentinfo").getByRole("link", { name: "About us" }).click();
  await expect(page).toHaveURL(/\/about$/);
});

test("every 'contact us' links the contact address: the largest-gift message, privacy, the manage page", async ({ page }) => {
  await page.goto("/campaigns/foreign-media-in-north-korea");
  const panel = page.getByRole("complementary");
  await panel.getByLabel("Other amount").fill("100001");
  await panel.getByRole("button", { name: "Donate", exact: true }).click();
  await expect(panel.getByText(`For a larger gift, please contact us at ${ORG.ORG_CONTACT_EMAIL}.`)).toBeVisible();
  await expect(panel.getByRole("link", { name: ORG.ORG_CONTACT_EMAIL })).toHaveAttribute("href", CONTACT);

  await page.goto("/privacy");
  await expect(page.getByRole("main").getByRole("link", { name: "write to us" })).toHaveAttribute("href", CONTACT);
  await expect(page.getByRole("main").getByRole("link", { name: ORG.ORG_CONTACT_EMAIL })).toHaveAttribute("href", CONTACT);

  await page.goto("/donate/manage?token=not-a-token");
  await expect(page.getByRole("main").getByRole("link", { name: ORG.ORG_CONTACT_EMAIL })).toHaveAttribute("href", CONTACT);
});
