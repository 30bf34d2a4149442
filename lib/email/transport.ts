import { eq } from "drizzle-orm";
import { Resend } from "resend";
import { devMailboxMessages } from "@/db/schema";
import type { Database } from "@/db/database";
import { env } from "@/lib/env";
import type { RenderedEmail } from "./render-email";

export interface OutgoingEmail extends RenderedEmail {
  to: string;
  headers: Record<string, string>;
  idempotencyKey: string;
}

export interface DeliveryReceipt {
  transport: "resend" | "dev_mailbox";
  providerMessageId: string | null;
}

let resendClient: Resend | undefined;

/** Sends through Resend when RESEND_API_KEY is set, otherwise into the dev mailbox table. */
export async function deliverEmail(db: Database, email: OutgoingEmail): Promise<DeliveryReceipt> {
  const { RESEND_API_KEY, EMAIL_FROM } = env();
  if (RESEND_API_KEY) {
    // RESEND_BASE_URL, when set, is read by the SDK itself.
    resendClient ??= new Resend(RESEND_API_KEY);
    const { data, error } = await resendClient.emails.send(
      { from: EMAIL_FROM, to: email.to, subject: email.subject, html: email.html, text: email.text, headers: email.headers },
      // Resend drops a second send with the same key, so a retry after a crash cannot double-send.
      { idempotencyKey: email.idempotencyKey },
    );
    if (error) throw new Error(`Resend refused the email: ${error.message}`);
    return { transport: "resend", providerMessageId: data?.id ?? null };
  }
  // Like Resend, the dev mailbox drops a second send under the same key: the outbox may send
  // again when recording a send failed (a connection cut after the message was stored).
  const [stored] = await db
    .insert(devMailboxMessages)
    .values({
      fromAddress: EMAIL_FROM,
      toAddress: email.to.trim().toLowerCase(),
      subject: email.subject,
      html: email.html,
      text: email.text,
      headers: email.headers,
      idempotencyKey: email.idempotencyKey,
    })
    .onConflictDoNothing({ target: devMailboxMessages.idempotencyKey })
    .returning({ id: devMailboxMessages.id });
  if (!stored) {
    const [earlier] = await db.select({ id: devMailboxMessages.id }).from(devMailboxMessages).where(eq(devMailboxMessages.idempotencyKey, email.idempotencyKey));
    return { transport: "dev_mailbox", providerMessageId: earlier?.id ?? null };
  }
  console.info(`[dev mailbox] to=${email.to} subject="${email.subject}"`);
  return { transport: "dev_mailbox", providerMessageId: stored.id };
}
