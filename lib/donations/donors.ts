import "server-only";
import { eq, sql } from "drizzle-orm";
import { donors } from "@/db/schema";
import type { Executor } from "@/db/database";
import { emailIdentity } from "@/lib/identity/email-identity";

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
    const [byCustomer] = await tx
      .select({ id: donors.id, email: donors.email, name: donors.name })
      .from(donors)
      .where(eq(donors.stripeCustomerId, identity.stripeCustomerId));
    if (byCustomer) {
      if (!byCustomer.name && name) await tx.update(donors).set({ name }).where(eq(donors.id, byCustomer.id));
      return { ...byCustomer, email: byCustomer.email ?? email, name: byCustomer.name ?? name };
    }
  }
  const [row] = await tx
    .insert(donors)
    .values({ email, name, stripeCustomerId: identity.stripeCustomerId })
    .onConflictDoUpdate({
      target: donors.email,
      set: {
        name: sql`coalesce(${donors.name}, excluded.name)`,
        stripeCustomerId: sql`coalesce(${donors.stripeCustomerId}, excluded.stripe_customer_id)`,
      },
    })
    .returning({ id: donors.id, email: donors.email, name: donors.name });
  if (!row) throw new Error(`donor ${email} could not be written`);
  return { ...row, email: row.email ?? email };
}
