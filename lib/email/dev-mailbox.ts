import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { desc, eq } from "drizzle-orm";
import { devMailboxMessages } from "@/db/schema";
import type { Database } from "@/db/database";
import { emailIdentity } from "@/lib/identity/email-identity";
import { describeError } from "@/lib/errors/describe-error";
import { logger } from "@/lib/observability/logger";

const log = logger("email");

export interface DevMailboxEntry {
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  receivedAt: Date;
}

export interface DevMailboxMessage {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  /** The outbox key it is sent under: a second send with the same key is dropped, as Resend does. */
  idempotencyKey?: string;
}

/** The folder under the data folder where every dev-mailbox email is also written as a JSON file. */
export const DEV_MAILBOX_FOLDER = "mailbox";

/** What replaces a link that still works, in the database copy a production server keeps. */
export const REMOVED_LINK = "[link removed]";

/**
 * The email with every link that opens something removed: query strings (sign-in, manage,
 * confirmation and unsubscribe tokens) and signed receipt paths. Public addresses stay.
 */
export function withoutLiveLinks(text: string): string {
  return text.replace(/(https?:\/\/[^\s"'<>?#]+)\?[^\s"'<>#\])]*/g, `$1?${REMOVED_LINK}`).replace(/\/receipts\/[^\s"'<>?#/\])]+/g, `/receipts/${REMOVED_LINK}`);
}

export interface DevMailboxOptions {
  /**
   * False on a production server (a public demo): the database copy keeps no link that still
   * works, since nothing there may show it (sent_emails redacts the same way, and
   * lib/security/single-use-token.ts promises a database leak opens nothing); the private file
   * keeps the email whole. True in development, where /dev/mailbox shows the table.
   */
  keepLiveLinks: boolean;
}

/**
 * Stores an email that was not sent (no Resend key): a row in the database (the /dev/mailbox
 * page shows them in development) and a JSON file in `${dataDir}/mailbox/`. The file is how an
 * operator reads a public demo's email on the server's disk, and how the end-to-end tests read
 * theirs: over HTTP the mailbox is never readable in production, because it holds sign-in links.
 */
export async function storeInDevMailbox(
  db: Database,
  dataDir: string,
  message: DevMailboxMessage,
  options: DevMailboxOptions = { keepLiveLinks: true },
): Promise<DevMailboxEntry> {
  const stored = options.keepLiveLinks
    ? message
    : {
        ...message,
        html: withoutLiveLinks(message.html),
        text: withoutLiveLinks(message.text),
        headers: Object.fromEntries(Object.entries(message.headers).map(([name, value]) => [name, withoutLiveLinks(value)])),
      };
  // The outbox may send again when recording a send failed (a connection cut after the message
  // was stored, seen in the chaos run): like Resend, a key already stored is not stored twice.
  const [inserted] = await db
    .insert(devMailboxMessages)
    .values({
      fromAddress: stored.from,
      toAddress: emailIdentity(stored.to),
      subject: stored.subject,
      html: stored.html,
      text: stored.text,
      headers: stored.headers,
      idempotencyKey: stored.idempotencyKey ?? null,
    })
    .onConflictDoNothing({ target: devMailboxMessages.idempotencyKey })
    .returning();
  const earlier =
    inserted || !message.idempotencyKey
      ? undefined
      : (await db.select().from(devMailboxMessages).where(eq(devMailboxMessages.idempotencyKey, message.idempotencyKey)))[0];
  const row = inserted ?? earlier;
  if (!row) throw new Error("The dev mailbox did not store the email.");
  const entry: DevMailboxEntry = {
    id: row.id,
    to: row.toAddress,
    subject: row.subject,
    html: row.html,
    text: row.text,
    headers: row.headers,
    receivedAt: row.createdAt,
  };
  if (earlier) return entry;
  try {
    // The file keeps the email as sent: the operator's (and the e2e tests') way to read it.
    writeMailboxFile(path.resolve(dataDir, DEV_MAILBOX_FOLDER), {
      ...entry,
      html: message.html,
      text: message.text,
      headers: message.headers,
      from: message.from,
    });
  } catch (error) {
    // The database copy is the record; a full or read-only disk must not stop email.
    log.error(`dev mailbox: could not write the email to ${dataDir}/${DEV_MAILBOX_FOLDER}: ${describeError(error)}`);
  }
  return entry;
}

/** One file per email, written whole (temporary file, then rename) and readable only by the server's user. */
function writeMailboxFile(folder: string, entry: DevMailboxEntry & { from: string }): void {
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  // Sortable by name: receipt time, then the id.
  const name = `${entry.receivedAt.toISOString().replace(/[:.]/g, "-")}-${entry.id}.json`;
  const temporary = path.join(folder, `.${name}.${randomBytes(4).toString("hex")}.tmp`);
  fs.writeFileSync(temporary, `${JSON.stringify({ ...entry, receivedAt: entry.receivedAt.toISOString() }, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, path.join(folder, name));
}

/** The newest messages in the dev mailbox, optionally for one recipient. */
export async function listDevMailbox(db: Database, options: { to?: string; limit?: number } = {}): Promise<DevMailboxEntry[]> {
  const rows = await db
    .select()
    .from(devMailboxMessages)
    .where(options.to ? eq(devMailboxMessages.toAddress, emailIdentity(options.to)) : undefined)
    .orderBy(desc(devMailboxMessages.createdAt))
    .limit(options.limit ?? 50);
  return rows.map((row) => ({
    id: row.id,
    to: row.toAddress,
    subject: row.subject,
    html: row.html,
    text: row.text,
    headers: row.headers,
    receivedAt: row.createdAt,
  }));
}
