import "server-only";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { donors, erasedStripeCustomers } from "@/db/schema";
import type { Executor } from "@/db/database";
import { emailIdentity } from "@/lib/identity/email-identity";
import { erasedAddress } from "@/lib/identity/erased-address";

export interface DonorIdentity {
  email: string;
  name: string | null;
  stripeCustomerId: string | null;
}

/**
 * A donor's address where the donor came through Stripe or a signed link, which always carries
 * one (only a donor of a gift received offline may have none, lib/donations/offline-gifts.ts).
 */
export const knownDonorEmail = sql<string>`${donors.email}`;

export interface DonorRef {
  id: string;
  email: string;
  name: string | null;
  /** The donor asked to be forgotten (donors.erased_at): `email` is the tombstone, `name` null. */
  erased?: boolean;
}

/** An erased donor as a payment sees it: the tombstone only, never the payer's details again. */
export function erasedDonorRef(id: string): DonorRef {
  return { id, email: erasedAddress(id), name: null, erased: true };
}

/**
 * The donor for a payment: found by Stripe customer first (the customer may have changed
 * their email at Stripe), then by email, else created. One person is one donor even when
 * each one-off gift made a new Stripe customer; the first customer id seen is kept.
 * Concurrent calls for the same new email meet in the upsert, not in a duplicate row.
 */
export async function findOrCreateDonor(tx: Executor, identity: DonorIdentity): Promise<DonorRef> {
  const email = emailIdentity(identity.email);
  const name = identity.name?.trim() || null;
  if (identity.stripeCustomerId) {
    // Any customer of an erased donor: the email a late event carries must not bring them back.
    const [erased] = await tx
      .select({ donorId: erasedStripeCustomers.donorId })
      .from(erasedStripeCustomers)
      .where(eq(erasedStripeCustomers.stripeCustomerId, identity.stripeCustomerId));
    if (erased) return erasedDonorRef(erased.donorId);
    const [byCustomer] = await tx
      .select({ id: donors.id, email: donors.email, name: donors.name, erasedAt: donors.erasedAt })
      .from(donors)
      .where(eq(donors.stripeCustomerId, identity.stripeCustomerId));
    if (byCustomer?.erasedAt) return erasedDonorRef(byCustomer.id);
    if (byCustomer) {
      if (!byCustomer.name && name) await tx.update(donors).set({ name }).where(eq(donors.id, byCustomer.id));
      return { id: byCustomer.id, email: byCustomer.email ?? email, name: byCustomer.name ?? name };
    }
  }
  const [row] = await tx
    .insert(donors)
    .values({ email, name, stripeCustomerId: identity.stripeCustomerId })
    .onConflictDoUpdate({
      target: donors.email,
      set: {
        name: sql`case when ${donors.erasedAt} is null then coalesce(${donors.name}, excluded.name) end`,
        stripeCustomerId: sql`coalesce(${donors.stripeCustomerId}, excluded.stripe_customer_id)`,
      },
    })
    .returning({ id: donors.id, email: donors.email, name: donors.name, erasedAt: donors.erasedAt });
  if (!row) throw new Error(`donor ${email} could not be written`);
  if (row.erasedAt) return erasedDonorRef(row.id);
  return { id: row.id, email: row.email ?? email, name: row.name };
}

/**
 * The payer a webhook names, or, when its Stripe customer belongs to an erased donor, that
 * donor's tombstone: a late event (a redelivery days later, a bank debit settling) carries the
 * email and name Stripe kept on the checkout session or invoice, which must not come back into
 * any table (gifts in flight, subscribers, the outbox) or be emailed. findOrCreateDonor checks
 * again inside the gift's transaction.
 */
export async function forgetErasedPayer(executor: Executor, payer: DonorIdentity): Promise<DonorIdentity> {
  if (!payer.stripeCustomerId) return payer;
  const [erased] = await executor
    .select({ donorId: erasedStripeCustomers.donorId })
    .from(erasedStripeCustomers)
    .where(eq(erasedStripeCustomers.stripeCustomerId, payer.stripeCustomerId));
  const [byCustomer] = erased
    ? [{ id: erased.donorId }]
    : await executor
        .select({ id: donors.id })
        .from(donors)
        .where(and(eq(donors.stripeCustomerId, payer.stripeCustomerId), isNotNull(donors.erasedAt)));
  return byCustomer ? { email: erasedAddress(byCustomer.id), name: null, stripeCustomerId: payer.stripeCustomerId } : payer;
}
