import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { mailbox, type MailboxMessage } from "./mailbox";

export const ADMIN_EMAIL = "admin@lantern.test"; // ADMIN_EMAILS in playwright.config.ts

/** The emails to `email`, newest first (from the server's mailbox folder). */
export function mailboxFor(email: string): MailboxMessage[] {
  return mailbox(email);
}

/** Asks for a sign-in link on the sign-in page, as a person would; returns the page after the answer. */
export async function askForSignInLink(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page).toHaveURL(/\/sign-in\/check-email$/);
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  // After the action's redirect Next streams the new page's metadata in after its body: wait for the title too.
  await expect(page).toHaveTitle(/Check your email/);
}

/** The sign-in link of the newest sign-in email to `email`, as the email's button has it. */
export function signInLinkFrom(message: MailboxMessage): string {
  const href = /href="([^"]*\/api\/auth\/callback\/email[^"]*)"/.exec(message.html)?.[1];
  if (!href) throw new Error("no sign-in link in the email");
  return href.replace(/&amp;/g, "&");
}

/**
 * Signs in through the magic link in the dev mailbox; returns the context (cookies) of that
 * person. `baseURL` picks another server than the config's (the two-instance test).
 */
export async function signInThroughMailbox(browser: Browser, email: string, baseURL?: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(baseURL ? { baseURL } : {});
  const page = await context.newPage();
  const before = mailboxFor(email).length;
  await askForSignInLink(page, email);
  await expect.poll(() => mailboxFor(email).length).toBe(before + 1);
  const [newest] = mailboxFor(email);
  expect(newest?.subject).toMatch(/^Sign in to /);
  await page.goto(signInLinkFrom(newest!));
  return { context, page };
}
