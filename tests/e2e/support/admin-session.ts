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
}

/** The sign-in link of the newest sign-in email to `email`, as the email's button has it. */
export function signInLinkFrom(message: MailboxMessage): string {
  const href = /href="([^"]*\/api\/auth\/callback\/email[^"]*)"/.exec(message.html)?.[1];
  if (!href) throw new Error("no sign-in link in the email");
  return href.replace(/&amp;/g, "&");
}

/*
 * Sign-in links are rate limited per address and per client (lib/rate-limit/rules.ts), and
 * many specs need an admin. So each worker signs a person in through the mailbox once per
 * server and reuses that session's cookies in later contexts; a session that has ended (a test
 * signed out) is noticed on the first page and replaced by a fresh sign-in.
 */
const savedSessions = new Map<string, Awaited<ReturnType<BrowserContext["storageState"]>>>();

/**
 * Signs in through the magic link in the dev mailbox; returns the context (cookies) of that
 * person, on the admin's dashboard. `baseURL` picks another server than the config's (the
 * two-instance test).
 */
export async function signInThroughMailbox(browser: Browser, email: string, baseURL?: string): Promise<{ context: BrowserContext; page: Page }> {
  const key = `${baseURL ?? ""} ${email}`;
  const saved = savedSessions.get(key);
  if (saved) {
    const context = await browser.newContext({ ...(baseURL ? { baseURL } : {}), storageState: saved });
    const page = await context.newPage();
    await page.goto("/admin");
    if (!new URL(page.url()).pathname.startsWith("/sign-in")) return { context, page };
    savedSessions.delete(key);
    await context.close();
  }
  const context = await browser.newContext(baseURL ? { baseURL } : {});
  const page = await context.newPage();
  const before = mailboxFor(email).length;
  await askForSignInLink(page, email);
  await expect.poll(() => mailboxFor(email).length).toBe(before + 1);
  const [newest] = mailboxFor(email);
  expect(newest?.subject).toMatch(/^Sign in to /);
  await page.goto(signInLinkFrom(newest!));
  savedSessions.set(key, await context.storageState());
  return { context, page };
}
