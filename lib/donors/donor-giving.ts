import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import type Stripe from "stripe";
import type { Database } from "@/db/database";
import { campaigns, donations, donors, recurringGifts } from "@/db/schema";
import { emailIdentity } from "@/lib/identity/email-identity";
import { knownDonorEmail } from "@/lib/donations/donors";
import { liveMonthlyGiftOf } from "./monthly-gift-subscription";
import { describeStripeError } from "@/lib/payments/stripe-client";
import { logger } from "@/lib/observability/logger";

const log = logger("donors");

/** What a donor sees on their giving page: every monthly gift and every payment, newest first. */
export interface DonorGiving {
  /** `erasedAt`: the donor asked to be forgotten; the page then shows nothing of theirs. */
  donor: { id: string; email: string; name: string | null; erasedAt: Date | null };
  monthlyGifts: MonthlyGiftSummary[];
  gifts: PastGift[];
}

export interface MonthlyGiftSummary {
  id: string;
  stripeSubscriptionId: string;
  campaignTitle: string;
  amount: number;
  currency: string;
  /** Stripe's subscription status: active, past_due, canceled, … */
  status: string;
  cancelAtPeriodEnd: boolean;
  /** When a gift set to end stops (period end or a scheduled cancel_at); null while it goes on. */
  endsAt: Date | null;
  currentPeriodEnd: Date | null;
  canceledAt: Date | null;
  endedAt: Date | null;
  /** "month" or "year". */
  interval: string;
  /** When a paused gift is charged again; null while not paused. */
  pausedUntil: Date | null;
}

export interface PastGift {
  id: string;
  paidAt: Date;
  campaignTitle: string;
  kind: "one_off" | "recurring";
  amount: number;
  refundedAmount: number;
  currency: string;
  /** A payment of a recurring gift: "month" or "year"; null for a one-off gift. */
  interval: string | null;
}

/** Gifts listed on one page; a donor with more sees the newest (their statement lists a year's). */
export const PAST_GIFTS_SHOWN = 500;

export async function donorGiving(db: Database, donorId: string): Promise<DonorGiving | null> {
  const [donor] = await db
    .select({ id: donors.id, email: knownDonorEmail, name: donors.name, erasedAt: donors.erasedAt })
    .from(donors)
    .where(eq(donors.id, donorId));
  if (!donor) return null;
  const monthly = await db
    .select({
      id: recurringGifts.id,
      stripeSubscriptionId: recurringGifts.stripeSubscriptionId,
      campaignTitle: campaigns.title,
      amount: recurringGifts.amount,
      currency: recurringGifts.currency,
      status: recurringGifts.status,
      cancelAtPeriodEnd: recurringGifts.cancelAtPeriodEnd,
      currentPeriodEnd: recurringGifts.currentPeriodEnd,
      cancelAt: recurringGifts.cancelAt,
      canceledAt: recurringGifts.canceledAt,
      endedAt: recurringGifts.endedAt,
      interval: recurringGifts.interval,
      pausedUntil: recurringGifts.pausedUntil,
    })
    .from(recurringGifts)
    .innerJoin(campaigns, eq(campaigns.id, recurringGifts.campaignId))
    .where(eq(recurringGifts.donorId, donor.id))
    .orderBy(desc(recurringGifts.createdAt));
  const gifts = await db
    .select({
      id: donations.id,
      paidAt: donations.paidAt,
      campaignTitle: campaigns.title,
      kind: donations.kind,
      amount: donations.amount,
      refundedAmount: donations.refundedAmount,
      currency: donations.currency,
      interval: recurringGifts.interval,
    })
    .from(donations)
    .innerJoin(campaigns, eq(campaigns.id, donations.campaignId))
    .leftJoin(recurringGifts, eq(recurringGifts.id, donations.recurringGiftId))
    // A voided offline gift is no gift of theirs (its receipt still opens, marked void).
    .where(and(eq(donations.donorId, donor.id), isNull(donations.voidedAt)))
    .orderBy(desc(donations.paidAt))
    .limit(PAST_GIFTS_SHOWN);
  return {
    donor,
    monthlyGifts: monthly.map(({ cancelAt, ...gift }) => ({ ...gift, endsAt: cancelAt ?? (gift.cancelAtPeriodEnd ? gift.currentPeriodEnd : null) })),
    gifts,
  };
}

/**
 * The monthly gifts as Stripe has them this moment. The database follows Stripe through
 * webhooks, a moment behind: right after a change on this page the donor must see its result,
 * not the state before. Gifts that have ended are not asked about; when Stripe cannot be
 * reached the stored state is shown.
 */
export async function withLiveStripeState(stripe: Stripe, gifts: MonthlyGiftSummary[]): Promise<MonthlyGiftSummary[]> {
  return Promise.all(
    gifts.map(async (gift) => {
      if (gift.status === "canceled" || gift.status === "incomplete_expired") return gift;
      try {
        const live = liveMonthlyGiftOf(await stripe.subscriptions.retrieve(gift.stripeSubscriptionId));
        return {
          ...gift,
          amount: live.amount,
          status: live.status,
          cancelAtPeriodEnd: live.cancelAtPeriodEnd,
          endsAt: live.endsAt,
          currentPeriodEnd: live.currentPeriodEnd,
          interval: live.interval,
          pausedUntil: live.pausedUntil,
        };
      } catch (error) {
        log.error({ subscriptionId: gift.stripeSubscriptionId }, `live state unavailable: ${describeStripeError(error)}`);
        return gift;
      }
    }),
  );
}

/**
 * The donor a receipt's signed link names by Stripe customer: the donor holding that customer,
 * else the donor with the customer's email (one person who gave with several customers).
 */
export async function donorForStripeCustomer(db: Database, stripe: Stripe, customerId: string): Promise<string | null> {
  const [byCustomer] = await db.select({ id: donors.id }).from(donors).where(eq(donors.stripeCustomerId, customerId));
  if (byCustomer) return byCustomer.id;
  try {
    const customer = await stripe.customers.retrieve(customerId);
    if (customer.deleted || !customer.email) return null;
    const [byEmail] = await db
      .select({ id: donors.id })
      .from(donors)
      .where(eq(donors.email, emailIdentity(customer.email)));
    return byEmail?.id ?? null;
  } catch (error) {
    log.error({ customerId }, `customer could not be read: ${describeStripeError(error)}`);
    return null;
  }
}
