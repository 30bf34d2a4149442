import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support/csp";
import { expectNoAxeViolations } from "./support/axe";
import { mailbox, showEmail, waitForEmail } from "./support/mailbox";
import { E2E_UPDATE, EXPIRED_LINK, UPDATE_READERS } from "./support/subscriber-fixture-data";

const CONFIRMATION_SUBJECT = /^Confirm your subscription to /;
const CHECK_INBOX = "Almost there — check your inbox to confirm.";

/** The newest email to `to` with this subject, shown in the page (waits for delivery after the response). */
async function openEmail(page: Page, to: string, subject: string | RegExp): Promise<Locator> {
  return showEmail(page, await waitForEmail(to, subject));
}

/** A link inside the rendered email, as a path on the server under test. */
async function linkInEmail(email: Locator, name: string): Promise<string> {
  const href = await email.locator("iframe").contentFrame().getByRole("link", { name, exact: true }).getAttribute("href");
  expect(href).toBeTruthy();
  const url = new URL(href!);
  return `${url.pathname}${url.search}`;
}

function countEmails(to: string, subject: RegExp): number {
  return mailbox(to).filter((message) => subject.test(message.subject)).length;
}

test("sign up at the end of a campaign article, confirm from the email, see the confirmed page", async ({ page }) => {
  const email = "campaign-reader@example.org";
  await page.goto("/campaigns/foreign-media-in-north-korea");
  const form = page.getByRole("main").getByRole("form", { name: "Hear what happens next" });
  await expect(form.locator('input[name="source"]')).toHaveValue("campaign:foreign-media-in-north-korea");
  await expect(form.getByRole("link", { name: "How we use your email" })).toHaveAttribute("href", "/privacy");
  await form.getByLabel("Email").fill(`  ${email.replace("example.org", "Example.ORG")} `);
  await form.getByLabel("First name").fill("Ji-woo");

  let navigations = 0;
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  });
  await form.getByRole("button", { name: "Subscribe", exact: true }).click();
  await expect(form.getByRole("status")).toHaveText(CHECK_INBOX);
  expect(navigations).toBe(0); // answered in place
  await expect(form.getByLabel("Email")).toHaveCount(0);
  await expectNoAxeViolations(page);

  const message = await openEmail(page, email, CONFIRMATION_SUBJECT);
  const confirmPath = await linkInEmail(message, "Confirm my subscription");
  expect(confirmPath).toMatch(/^\/subscribe\/confirm\?token=[A-Za-z0-9_-]{43}$/);

  // Following the link confirms nothing (a mail scanner follows links): the page asks for a press.
  expect((await page.request.get(confirmPath)).status()).toBe(200);
  await page.goto(confirmPath);
  await expect(page.getByRole("heading", { level: 1, name: "Confirm your subscription" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Confirm my subscription" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "You're subscribed" })).toBeVisible();
  await expectNoAxeViolations(page);

  // The link works once; a second visit says so.
  await page.goto(confirmPath);
  await expect(page.getByRole("heading", { level: 1, name: "You're already subscribed" })).toBeVisible();

  // Signing up again with a confirmed address answers the same and sends nothing.
  await page.goto("/privacy");
  const footer = page.getByRole("contentinfo").getByRole("form", { name: "Email updates" });
  await footer.getByLabel("Email").fill(email);
  await footer.getByRole("button", { name: "Subscribe", exact: true }).click();
  await expect(footer.getByRole("status")).toHaveText(CHECK_INBOX);
  // Emails go out just after the response. A new address signed up afterwards must get its
  // confirmation: once it has, a second one to the confirmed address would have gone out too.
  const marker = "campaign-reader-marker@example.org";
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "203.0.113.64" }); // its own rate-limit bucket: the shared one is for the other tests
  await page.goto("/privacy");
  await footer.getByLabel("Email").fill(marker);
  await footer.getByRole("button", { name: "Subscribe", exact: true }).click();
  await expect(footer.getByRole("status")).toHaveText(CHECK_INBOX);
  await waitForEmail(marker, CONFIRMATION_SUBJECT);
  expect(countEmails(email, CONFIRMATION_SUBJECT)).toBe(1);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the home page form is a plain POST and the page comes back with the answer", async ({ page }) => {
    const email = "no-script@example.org";
    await page.goto("/");
    const form = page.getByRole("form", { name: "Stay close to the work" });
    await form.getByLabel("Email").fill(email);
    await form.getByRole("button", { name: "Subscribe", exact: true }).click();
    await expect(page.getByRole("form", { name: "Stay close to the work" }).getByRole("status")).toHaveText(CHECK_INBOX);
    // The home page has one sign-up form: the footer's would repeat it right below.
    await expect(page.getByRole("form", { name: /Email updates|Stay close to the work/ })).toHaveCount(1);
    await expect.poll(() => countEmails(email, CONFIRMATION_SUBJECT), { timeout: 20_000 }).toBe(1);
  });

  test("a bad address gets the message and the typed value back", async ({ page }) => {
    await page.goto("/privacy");
    const form = page.getByRole("contentinfo").getByRole("form", { name: "Email updates" });
    await form.getByLabel("Email").fill("ada@example");
    await form.getByRole("button", { name: "Subscribe", exact: true }).click();
    const answered = page.getByRole("contentinfo").getByRole("form", { name: "Email updates" });
    await expect(answered.getByRole("status")).toHaveText("Check the part after the @: it should look like example.org.");
    await expect(answered.getByLabel("Email")).toHaveValue("ada@example");
  });
});

test("a bad address shows the message in place, marks the field, and sends nothing", async ({ page }) => {
  await page.goto("/");
  const form = page.getByRole("form", { name: "Stay close to the work" });
  await form.getByLabel("Email").fill("ada.example.org");
  await form.getByLabel("First name").fill("Ada");
  await form.getByRole("button", { name: "Subscribe", exact: true }).click();
  await expect(form.getByRole("status")).toHaveText("An email address needs an @, like name@example.org.");
  await expect(form.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Email")).toHaveAccessibleDescription("An email address needs an @, like name@example.org.");
  await expect(form.getByLabel("Email")).toHaveValue("ada.example.org");
  await expect(form.getByLabel("First name")).toHaveValue("Ada");
  await expectNoAxeViolations(page);

  await form.getByLabel("Email").fill("ada@example.org");
  await form.getByRole("button", { name: "Subscribe", exact: true }).click();
  await expect(form.getByRole("status")).toHaveText(CHECK_INBOX);
  await expect.poll(() => countEmails("ada@example.org", CONFIRMATION_SUBJECT), { timeout: 20_000 }).toBe(1);
  expect(countEmails("ada.example.org", CONFIRMATION_SUBJECT)).toBe(0);
});

test("an expired link says so, sends a new one on request, and the new one confirms", async ({ page }) => {
  await page.goto(`/subscribe/confirm?token=${EXPIRED_LINK.token}`);
  await expect(page.getByRole("heading", { level: 1, name: "This link has expired" })).toBeVisible();
  await expect(page.getByText("Confirmation links work for 2 days.")).toBeVisible();
  await expectNoAxeViolations(page);

  const resend = page.getByRole("form", { name: "Ask for a new confirmation link" });
  await resend.getByRole("button", { name: "Send me a new link" }).click();
  await expect(resend.getByRole("status")).toHaveText("A new link is on its way. Check your inbox, and your spam folder just in case.");

  const message = await openEmail(page, EXPIRED_LINK.email, CONFIRMATION_SUBJECT);
  const confirmPath = await linkInEmail(message, "Confirm my subscription");
  expect(confirmPath).not.toContain(EXPIRED_LINK.token);
  await page.goto(confirmPath);
  await page.getByRole("button", { name: "Confirm my subscription" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "You're subscribed" })).toBeVisible();

  // The old link now belongs to a confirmed address.
  await page.goto(`/subscribe/confirm?token=${EXPIRED_LINK.token}`);
  await expect(page.getByRole("heading", { level: 1, name: "You're already subscribed" })).toBeVisible();
});

test("a link that was never issued is not recognised and offers the sign-up form", async ({ page }) => {
  await page.goto(`/subscribe/confirm?token=${"x".repeat(43)}`);
  await expect(page.getByRole("heading", { level: 1, name: "We don't recognise this link" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("form", { name: "Sign up for email updates" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the unsubscribe link in an update email leads to one button, which unsubscribes", async ({ page }) => {
  const reader = UPDATE_READERS.viaPage;
  const message = await openEmail(page, reader.email, E2E_UPDATE.subject);
  // The headers the email was sent with.
  await expect(message.getByText(/^<http:\/\/[^>]+\/unsubscribe\/one-click\?token=[^>]+>$/)).toBeVisible();
  await expect(message.getByText("List-Unsubscribe=One-Click", { exact: true })).toBeVisible();
  await expect(message.locator("iframe").contentFrame().getByText(`Dear ${reader.firstName},`)).toBeVisible();

  const unsubscribePath = await linkInEmail(message, "Unsubscribe from these updates");
  await page.goto(unsubscribePath);
  await expect(page.getByRole("heading", { level: 1, name: "Unsubscribe from email updates" })).toBeVisible();
  await expect(page.getByText("Stop sending our updates to p***@example.org?")).toBeVisible();
  await expectNoAxeViolations(page);

  // Opening the page (what a link scanner does) changed nothing.
  await page.reload();
  const form = page.getByRole("form", { name: "Unsubscribe from email updates" });
  await form.getByRole("button", { name: "Unsubscribe", exact: true }).click();
  await expect(form.getByRole("status")).toHaveText("You're unsubscribed. You will not get any more updates from us.");
  await expect(form.getByRole("button", { name: "Unsubscribe", exact: true })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "You're unsubscribed" })).toBeVisible();
  await expect(page.getByText("p***@example.org no longer receives our email updates.")).toBeVisible();
  // No "Subscribe" form greets someone who has just left.
  await expect(page.getByRole("form", { name: "Email updates" })).toHaveCount(0);
});

test("a mail provider's one-click POST unsubscribes without a page; GET only shows the page", async ({ page, request }) => {
  const reader = UPDATE_READERS.viaOneClick;
  const message = await openEmail(page, reader.email, E2E_UPDATE.subject);
  const header = await message.getByText(/\/unsubscribe\/one-click\?token=/).textContent();
  const oneClick = new URL(header!.replace(/^<|>$/g, ""));
  const path = `${oneClick.pathname}${oneClick.search}`;

  const opened = await request.get(path, { maxRedirects: 0 });
  expect(opened.status()).toBe(303);
  expect(opened.headers().location).toBe(`/unsubscribe${oneClick.search}`);
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: "Unsubscribe from email updates" })).toBeVisible();

  const forged = await request.post(path.replace(/token=[^.]+\./, "token=00000000-0000-4000-8000-000000000000."), {
    form: { "List-Unsubscribe": "One-Click" },
  });
  expect(forged.status()).toBe(400);

  const posted = await request.post(path, { form: { "List-Unsubscribe": "One-Click" } });
  expect(posted.status()).toBe(200);
  expect(await posted.text()).toBe("You have been unsubscribed.");
  expect((await request.post(path, { form: { "List-Unsubscribe": "One-Click" } })).status()).toBe(200); // idempotent

  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: "You're unsubscribed" })).toBeVisible();
});

test("the privacy page says what is stored and why, and every sign-up form links to it", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("form", { name: "Stay close to the work" }).getByRole("link", { name: "How we use your email" }).click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.getByRole("heading", { level: 1, name: "Privacy" })).toBeVisible();
  for (const heading of ["If you sign up for email updates", "Unsubscribing", "If you give", "Who helps us", "Your rights"]) {
    await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
  }
  await expect(page.getByText("If you never click that link, we delete your sign-up after 30 days.")).toBeVisible();
  await expect(page.getByText(/Giving does not sign you up for updates\./)).toBeVisible();
  await expectNoAxeViolations(page);
});
