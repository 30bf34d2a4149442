import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type Stripe from "stripe";
import type { Database, Executor } from "@/db/database";
import {
  devMailboxMessages,
  donations,
  donorManageLinks,
  donorNotes,
  donors,
  erasedStripeCustomers,
  giftsInFlight,
  recurringGifts,
  sentEmails,
  subscriberConfirmations,
  subscribers,
  users,
  verificationTokens,
} from "@/db/schema";
import { isAdminEmail } from "@/lib/auth/admin-access";
import { describeError } from "@/lib/errors/describe-error";
import { emailIdentity } from "@/lib/identity/email-identity";
import { erasedAddress, isErasedAddress } from "@/lib/identity/erased-address";
import { logger } from "@/lib/observability/logger";
import { audienceConfigFromEnv, forgetAudienceContact } from "@/lib/subscribers/audience-sync";
import { cancelSubscriptions, detachCustomerPersonalFields, stripeCustomersOfDonor } from "./stripe-erasure";

const log = logger("privacy");

/*
 * Erasing a donor ("forget me", asked by the donor and confirmed, or done by an owner). Personal
 * data (name, email, postal address, dedications, answers to the campaign's questions, the emails
 * sent to them, their newsletter subscription) is replaced by a tombstone in every table; the
 * financial facts the organisation must keep (amount, currency, date, campaign, receipt number,
 * refunds, fees, disputes) stay, so every total, the ledger and the receipt sequence are
 * unchanged. In order: Stripe first (monthly gifts cancelled; every customer of theirs found),
 * then one transaction for every table, then the Stripe customers' personal fields unset (retried
 * by erasing again, which is otherwise a no-op). docs/privacy.md says what is kept and why.
 */

/** `campaignIds`: the supporters lists that showed the name ("Min-ji P."); the caller expires their pages (revalidateCampaignFigures). */
export type EraseOutcome =
  | { ok: true; alreadyErased: boolean; erasedAt: Date; campaignIds: string[]; stripeCustomersPending: number }
  | { ok: false; reason: "not-found" | "staff" | "stripe"; message: string };

export interface EraseOptions {
  /** Runs inside the erasure's transaction (the audit row of an owner's erasure): both commit or neither. */
  inTransaction?: (tx: Executor, facts: { donorId: string; giftCount: number; campaignIds: string[] }) => Promise<void>;
  now?: Date;
}

/** A word-bounded, case-insensitive pattern for the address inside jsonb text (no other address containing it). */
function addressPattern(address: string): string {
  return `(^|[^a-z0-9._%+-])${address.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^a-z0-9.-])`;
}

export async function eraseDonor(db: Database, stripe: Stripe, donorId: string, options: EraseOptions = {}): Promise<EraseOutcome> {
  const [donor] = await db.select().from(donors).where(eq(donors.id, donorId));
  if (!donor) return { ok: false, reason: "not-found", message: "We could not find that donor." };
  const address = donor.erasedAt || !donor.email ? null : emailIdentity(donor.email);
  // A staff member's address is also their sign-in: that account is ended by an owner, not here.
  if (address && (await isAdminEmail(db, address))) {
    return { ok: false, reason: "staff", message: "This address belongs to a staff member. Remove their staff access first, then erase the donor." };
  }

  const gifts = await db
    .select({ sessionId: donations.stripeCheckoutSessionId, campaignId: donations.campaignId })
    .from(donations)
    .where(eq(donations.donorId, donorId));
  const monthly = await db
    .select({ subscriptionId: recurringGifts.stripeSubscriptionId, campaignId: recurringGifts.campaignId })
    .from(recurringGifts)
    .where(eq(recurringGifts.donorId, donorId));
  const inFlight = address
    ? await db
        .select({ sessionId: giftsInFlight.stripeCheckoutSessionId })
        .from(giftsInFlight)
        .where(sql`lower(${giftsInFlight.email}) = ${address}`)
    : [];
  const sessionIds = [...new Set([...gifts.map((g) => g.sessionId), ...inFlight.map((g) => g.sessionId)].filter((id): id is string => id !== null))];
  const subscriptionIds = monthly.map((g) => g.subscriptionId);
  const campaignIds = [...new Set([...gifts.map((g) => g.campaignId), ...monthly.map((g) => g.campaignId)])];

  let customerIds: string[];
  try {
    await cancelSubscriptions(stripe, subscriptionIds);
    customerIds = donor.erasedAt
      ? []
      : await stripeCustomersOfDonor(stripe, { email: donor.email, stripeCustomerId: donor.stripeCustomerId, checkoutSessionIds: sessionIds, subscriptionIds });
    const audience = audienceConfigFromEnv();
    if (audience && address) await forgetAudienceContact(audience, address);
  } catch (error) {
    log.error({ donorId }, `erasure stopped before changing anything: ${describeError(error)}`);
    return {
      ok: false,
      reason: "stripe",
      message: "We could not reach our payment or email provider just now, so nothing was erased. Please try again in a moment.",
    };
  }

  const now = options.now ?? new Date();
  const erasedAt = await db.transaction(async (tx) => {
    // Locked: a second erasure of the same donor waits here, then finds it done.
    const [current] = await tx.select({ erasedAt: donors.erasedAt, email: donors.email }).from(donors).where(eq(donors.id, donorId)).for("update");
    const tombstone = erasedAddress(donorId);
    const at = current?.erasedAt ?? now;
    const currentAddress = current?.email && !isErasedAddress(current.email) ? emailIdentity(current.email) : null;

    await tx.update(donations).set({ dedicationKind: null, dedicationName: null, answers: [], postalAddress: null }).where(eq(donations.donorId, donorId));
    await tx.update(recurringGifts).set({ dedicationKind: null, dedicationName: null }).where(eq(recurringGifts.donorId, donorId));
    await tx.delete(donorManageLinks).where(eq(donorManageLinks.donorId, donorId));
    // Staff notes are free text about the person: they go with the rest of the personal data.
    await tx.delete(donorNotes).where(eq(donorNotes.donorId, donorId));
    if (sessionIds.length > 0 || currentAddress) {
      await tx
        .update(giftsInFlight)
        .set({ email: tombstone, name: null })
        .where(
          sql`${sessionIds.length > 0 ? inArray(giftsInFlight.stripeCheckoutSessionId, sessionIds) : sql`false`} or ${currentAddress ? sql`lower(${giftsInFlight.email}) = ${currentAddress}` : sql`false`}`,
        );
    }

    // The outbox: every email to them, and every email about them (a dedication card to someone
    // they named, a dispute notice to staff naming them). Kept as rows (the log of what was sent,
    // and its idempotency keys) without address, content or a dedication in the subject.
    const cardKeys = [...sessionIds, ...subscriptionIds].map((id) => `dedication-card:${id}`);
    const aboutThem = currentAddress
      ? sql`lower(${sentEmails.toAddress}) = ${currentAddress} or ${sentEmails.props}::text ~* ${addressPattern(currentAddress)} or ${sentEmails.headers}::text ~* ${addressPattern(currentAddress)}`
      : sql`false`;
    const erasedEmails = await tx
      .update(sentEmails)
      .set({
        toAddress: tombstone,
        props: { erased: true },
        headers: {},
        lastError: null,
        subject: sql`case when ${sentEmails.template} = 'dedication-card' then null else ${sentEmails.subject} end`,
        status: sql`case when ${sentEmails.status} in ('pending', 'failed') then 'skipped'::email_status else ${sentEmails.status} end`,
      })
      .where(sql`(${aboutThem}) or ${cardKeys.length > 0 ? inArray(sentEmails.idempotencyKey, cardKeys) : sql`false`}`)
      .returning({ key: sentEmails.idempotencyKey });
    const keys = erasedEmails.map((row) => row.key);
    await tx
      .delete(devMailboxMessages)
      .where(
        sql`${keys.length > 0 ? inArray(devMailboxMessages.idempotencyKey, keys) : sql`false`} or ${currentAddress ? sql`lower(${devMailboxMessages.toAddress}) = ${currentAddress}` : sql`false`}`,
      );

    if (currentAddress) {
      // Unsubscribed under a tombstone of its own; the audience contact was removed above, so
      // the sync has nothing left to push.
      const gone = await tx
        .update(subscribers)
        .set({
          email: sql`'erased-' || ${subscribers.id} || '@erased.invalid'`,
          firstName: null,
          status: "unsubscribed",
          unsubscribedAt: sql`coalesce(${subscribers.unsubscribedAt}, ${at.toISOString()}::timestamptz)`,
          audienceSyncedStatus: sql`case when ${subscribers.audienceSyncedStatus} is null then null else 'unsubscribed'::subscriber_status end`,
        })
        .where(sql`lower(${subscribers.email}) = ${currentAddress}`)
        .returning({ id: subscribers.id });
      if (gone.length > 0) {
        await tx.delete(subscriberConfirmations).where(
          inArray(
            subscriberConfirmations.subscriberId,
            gone.map((row) => row.id),
          ),
        );
      }
      // Sign-in leftovers under the address (never a staff account: refused above).
      await tx.delete(verificationTokens).where(sql`lower(${verificationTokens.identifier}) = ${currentAddress}`);
      await tx.delete(users).where(and(sql`lower(${users.email}) = ${currentAddress}`, isNull(users.role)));
    }

    if (customerIds.length > 0) {
      await tx
        .insert(erasedStripeCustomers)
        .values(customerIds.map((stripeCustomerId) => ({ stripeCustomerId, donorId, erasedAt: at })))
        .onConflictDoNothing();
    }
    await tx.update(donors).set({ email: tombstone, name: null, erasedAt: at }).where(eq(donors.id, donorId));
    if (!current?.erasedAt) await options.inTransaction?.(tx, { donorId, giftCount: gifts.length, campaignIds });
    return { at, already: current?.erasedAt != null };
  });

  const pending = await detachStripeCustomers(db, stripe, donorId);
  log.info({ donorId, stripeCustomersPending: pending }, erasedAt.already ? "donor erasure repeated" : "donor erased");
  return { ok: true, alreadyErased: erasedAt.already, erasedAt: erasedAt.at, campaignIds, stripeCustomersPending: pending };
}

/** Unsets the personal fields of each customer not yet done; returns how many are still to do. */
async function detachStripeCustomers(db: Database, stripe: Stripe, donorId: string): Promise<number> {
  const waiting = await db
    .select({ id: erasedStripeCustomers.stripeCustomerId })
    .from(erasedStripeCustomers)
    .where(and(eq(erasedStripeCustomers.donorId, donorId), isNull(erasedStripeCustomers.detachedAt)));
  let pending = 0;
  for (const { id } of waiting) {
    try {
      await detachCustomerPersonalFields(stripe, id);
      await db.update(erasedStripeCustomers).set({ detachedAt: new Date() }).where(eq(erasedStripeCustomers.stripeCustomerId, id));
    } catch (error) {
      pending += 1;
      log.error({ donorId }, `a Stripe customer's personal fields could not be unset (erasing again retries): ${describeError(error)}`);
    }
  }
  return pending;
}
