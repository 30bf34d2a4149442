import "server-only";
import { sentEmails } from "@/db/schema";
import type { Executor } from "@/db/database";
import type { EmailPropsOf, EmailTemplateName } from "@/emails/registry";
import { isErasedAddress } from "@/lib/identity/erased-address";

export interface QueuedEmail<Name extends EmailTemplateName> {
  /** One email per key, ever: e.g. `receipt:<invoice id>`, `confirm-subscription:<subscriber id>:<n>`. */
  idempotencyKey: string;
  template: Name;
  to: string;
  props: EmailPropsOf<Name>;
  headers?: Record<string, string>;
  /** `bulk` waits behind receipts and sign-in links and leaves in provider batches (the worker's). */
  priority?: "transactional" | "bulk";
}

/**
 * Queues an email. Call it inside the transaction that records what the email is about, so
 * both commit or neither does. Returns false when that key was already queued (a duplicate).
 */
export async function queueEmail<Name extends EmailTemplateName>(executor: Executor, email: QueuedEmail<Name>): Promise<boolean> {
  return (await queueEmails(executor, [email])).size > 0;
}

/** Queues many emails in one statement; returns the keys that were new (the others were queued before). */
export async function queueEmails<Name extends EmailTemplateName>(executor: Executor, emails: readonly QueuedEmail<Name>[]): Promise<Set<string>> {
  // An erased donor's tombstone is never written to: whatever still points at them sends nothing.
  const deliverable = emails.filter((email) => !isErasedAddress(email.to));
  if (deliverable.length === 0) return new Set();
  const inserted = await executor
    .insert(sentEmails)
    .values(
      deliverable.map((email) => ({
        idempotencyKey: email.idempotencyKey,
        template: email.template,
        toAddress: email.to,
        props: email.props as Record<string, unknown>,
        headers: email.headers ?? {},
        priority: email.priority ?? "transactional",
      })),
    )
    .onConflictDoNothing({ target: sentEmails.idempotencyKey })
    .returning({ key: sentEmails.idempotencyKey });
  return new Set(inserted.map((row) => row.key));
}
