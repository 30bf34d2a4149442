import "server-only";
import { knownDonorEmail } from "@/lib/donations/donors";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import type { Database } from "@/db/database";
import { donorManageLinks, donors } from "@/db/schema";
import { emailIdentity } from "@/lib/identity/email-identity";
import { env } from "@/lib/env";
import { deliverQueuedEmails, queueEmail } from "@/lib/email/outbox";
import { createManageLinkToken, MANAGE_LINK_LIFETIME_MS, MANAGE_LINK_LIFETIME_TEXT } from "./manage-link-token";

export interface SendManageLinkOptions {
  db?: Database;
  now?: Date;
}

/** Where an emailed link lands: the giving page, which asks for a click before using it. */
export function emailedManageLinkUrl(token: string, appUrl = env().APP_URL): string {
  return new URL(`/donate/manage?link=${encodeURIComponent(token)}`, appUrl).toString();
}

/**
 * Emails a donor a single-use link (valid for an hour) to their giving page, when the address
 * belongs to a donor; otherwise does nothing. `sent` is for staff tools only: the public form
 * gives the same answer either way and runs this after its response, so neither the words nor
 * the timing say whether an address is known. No authorisation here: the link goes only to the
 * donor's own address. Callers rate-limit.
 */
export async function sendManageLink(email: string, options: SendManageLinkOptions = {}): Promise<{ sent: boolean }> {
  const db = options.db ?? (await getDb());
  const now = options.now ?? new Date();
  const [donor] = await db
    .select({ id: donors.id, email: knownDonorEmail, name: donors.name })
    .from(donors)
    .where(eq(donors.email, emailIdentity(email)));
  if (!donor) return { sent: false };

  const { token, tokenHash } = createManageLinkToken();
  const key = await db.transaction(async (tx) => {
    const [link] = await tx
      .insert(donorManageLinks)
      .values({ donorId: donor.id, tokenHash, expiresAt: new Date(now.getTime() + MANAGE_LINK_LIFETIME_MS), createdAt: now })
      .returning({ id: donorManageLinks.id });
    if (!link) throw new Error("manage link was not stored");
    const idempotencyKey = `donor-manage-link:${link.id}`;
    await queueEmail(tx, {
      idempotencyKey,
      template: "donor-manage-link",
      to: donor.email,
      props: { organisationName: env().ORG_NAME, donorName: donor.name, url: emailedManageLinkUrl(token), expiresIn: MANAGE_LINK_LIFETIME_TEXT },
    });
    return idempotencyKey;
  });
  await deliverQueuedEmails(db, { keys: [key] });
  return { sent: true };
}
