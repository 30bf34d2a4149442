import "server-only";
import { desc, eq } from "drizzle-orm";
import { devMailboxMessages } from "@/db/schema";
import type { Database } from "@/db/database";
import { emailIdentity } from "@/lib/donations/email-identity";

export interface DevMailboxEntry {
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  receivedAt: Date;
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
