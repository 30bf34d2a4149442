import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { desc, eq } from "drizzle-orm";
import { devMailboxMessages } from "@/db/schema";
import type { Database } from "@/db/database";
import { emailIdentity } from "@/lib/identity/email-identity";
import { describeError } from "@/lib/errors/describe-error";

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

/**
 * Stores an email that was not sent (no Resend key): a row in the database (the /dev/mailbox
 * page shows them in development) and a JSON file in `${dataDir}/mailbox/`. The file is how an
 * operator reads a public demo's email on the server's disk, and how the end-to-end tests read
 * theirs: over HTTP the mailbox is never readable in production, because it holds sign-in links.
 */
export async function storeInDevMailbox(db: Database, dataDir: string, message: DevMailboxMessage): Promise<DevMailboxEntry> {
  // The outbox may send again when recording a send failed (a connection cut after the message
  // was stored, seen in the chaos run): like Resend, a key already stored is not stored twice.
  const [inserted] = await db
    .insert(devMailboxMessages)
    .values({
      fromAddress: message.from,
      toAddress: emailIdentity(message.to),
      subject: message.subject,
      html: message.html,
      text: message.text,
      headers: message.headers,
      idempotencyKey: message.idempotencyKey ?? null,
    })
    .onConflictDoNothing({ target: devMailboxMessages.idempotencyKey })
    .returning();
  const earlier = inserted || !message.idempotencyKey ? undefined : (await db.select().from(devMailboxMessages).where(eq(devMailboxMessages.idempotencyKey, message.idempotencyKey)))[0];
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
    writeMailboxFile(path.resolve(dataDir, DEV_MAILBOX_FOLDER), { ...entry, from: message.from });
  } catch (error) {
    // The database copy is the record; a full or read-only disk must not stop email.
    console.error(`[dev mailbox] could not write the email to ${dataDir}/${DEV_MAILBOX_FOLDER}: ${describeError(error)}`);
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
