import fs from "node:fs";
import { expect, type Locator, type Page } from "@playwright/test";
import { e2eDataPath } from "./e2e-server";

/**
 * The e2e server runs as a public demo (LANTERN_TEST_MODE=demo), whose dev mailbox is never
 * readable over HTTP. It also writes each email as a JSON file into `$LANTERN_DATA_DIR/mailbox/`
 * (lib/email/dev-mailbox.ts) — the operator's way to read demo email — and the tests read there.
 */
export interface MailboxMessage {
  id: string;
  to: string;
  from: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  receivedAt: string;
}

/** Every email to `to` (any case), newest first. */
export function mailbox(to: string): MailboxMessage[] {
  const folder = e2eDataPath("mailbox");
  let names: string[];
  try {
    names = fs.readdirSync(folder).filter((name) => name.endsWith(".json") && !name.startsWith("."));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const address = to.trim().toLowerCase();
  return names
    .map((name) => JSON.parse(fs.readFileSync(`${folder}/${name}`, "utf8")) as MailboxMessage)
    .filter((message) => message.to === address)
    .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || b.id.localeCompare(a.id));
}

/** Waits until `to` has received `count` emails, and returns them newest first. */
export async function waitForMail(to: string, count: number): Promise<MailboxMessage[]> {
  let messages: MailboxMessage[] = [];
  await expect.poll(() => (messages = mailbox(to)).length, { timeout: 20_000, message: `${count} email(s) to ${to}` }).toBe(count);
  return messages;
}

/** The newest email to `to` whose subject matches, once it has arrived. */
export async function waitForEmail(to: string, subject: string | RegExp): Promise<MailboxMessage> {
  const matches = (message: MailboxMessage) => (typeof subject === "string" ? message.subject === subject : subject.test(message.subject));
  let found: MailboxMessage | undefined;
  await expect.poll(() => (found = mailbox(to).find(matches)) !== undefined, { timeout: 20_000, message: `an email "${subject}" to ${to}` }).toBe(true);
  return found!;
}

const escape = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * Shows an email in the page the way a mail client would: its headers, and its HTML in a
 * sandboxed frame. Returns the email's region (an article named by its subject).
 */
export async function showEmail(page: Page, message: MailboxMessage): Promise<Locator> {
  const headers = Object.entries(message.headers)
    .map(([name, value]) => `<dt>${escape(name)}</dt><dd>${escape(value)}</dd>`)
    .join("");
  await page.setContent(
    `<!doctype html><html lang="en"><title>${escape(message.subject)}</title><main><article aria-label="${escape(message.subject)}">` +
      `<h1>${escape(message.subject)}</h1><p>To ${escape(message.to)}</p><dl>${headers}</dl>` +
      `<iframe title="Email: ${escape(message.subject)}" sandbox="" srcdoc="${escape(message.html)}" style="width:100%;height:40rem"></iframe>` +
      `</article></main></html>`,
  );
  return page.getByRole("article", { name: message.subject });
}
