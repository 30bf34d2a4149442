import { Resend } from "resend";
import type { Database } from "@/db/database";
import { emailIdentity } from "@/lib/donations/email-identity";
import { env } from "@/lib/env";
import { storeInDevMailbox } from "./dev-mailbox";
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

/** Sends through Resend when RESEND_API_KEY is set, otherwise into the dev mailbox (database and data folder). */
export async function deliverEmail(db: Database, email: OutgoingEmail): Promise<DeliveryReceipt> {
  const { RESEND_API_KEY, EMAIL_FROM, LANTERN_DATA_DIR } = env();
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
  const stored = await storeInDevMailbox(db, LANTERN_DATA_DIR, {
    from: EMAIL_FROM,
    to: emailIdentity(email.to),
    subject: email.subject,
    html: email.html,
    text: email.text,
    headers: email.headers,
    idempotencyKey: email.idempotencyKey,
  });
  console.info(`[dev mailbox] to=${email.to} subject="${email.subject}"`);
  return { transport: "dev_mailbox", providerMessageId: stored.id };
}
