import "server-only";
import { knownDonorEmail } from "@/lib/donations/donors";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { z } from "zod";
import { getDb } from "@/db/client";
import type { Database } from "@/db/database";
import { campaigns, donors, recurringGifts } from "@/db/schema";
import { sendEmail } from "@/lib/email/outbox";
import { env } from "@/lib/env";
import { manageGivingUrl } from "@/lib/payments/manage-link";
import { describeStripeError, stripe as appStripe } from "@/lib/payments/stripe-client";
import type { MonthlyGiftChangedProps } from "@/emails/monthly-gift-changed";
import { formatGiftDate } from "@/lib/donations/gift-wording";
import { logger } from "@/lib/observability/logger";

const log = logger("donations");

/**
 * What changing and cancelling a monthly gift share. These functions call Stripe and report
 * Stripe's answer; they never write the recurring gift: the subscription webhooks do that, as
 * for every other change. They authorise nobody: the donor's page checks the gift is theirs,
 * the admin tools check the admin.
 */

export interface MonthlyGiftOptions {
  db?: Database;
  stripe?: Stripe;
  /**
   * One per submitted form: the Stripe idempotency key and the confirmation email's key derive
   * from it, so a double submission changes Stripe once and sends one email. Random when absent.
   */
  requestId?: string;
}

/** A monthly gift as Stripe has it right now. */
export interface LiveMonthlyGift {
  subscriptionId: string;
  customerId: string;
  status: Stripe.Subscription.Status;
  amount: number;
  /** ISO code, upper case, as the ledger stores it. */
  currency: string;
  cancelAtPeriodEnd: boolean;
  /** When a gift set to end (at period end, or at a scheduled `cancel_at`) stops; null otherwise. */
  endsAt: Date | null;
  /** The end of the period already paid for: the next payment's date while the gift goes on. */
  currentPeriodEnd: Date | null;
  /** "month" or "year" (the price's recurring interval). */
  interval: "month" | "year";
  /** pause_collection.resumes_at while payments are paused; null otherwise. */
  pausedUntil: Date | null;
}

export type MonthlyGiftFailure = "not-found" | "ended" | "ending" | "invalid-amount" | "stripe-unavailable";

export type MonthlyGiftChangeResult = { ok: true; changed: boolean; gift: LiveMonthlyGift } | { ok: false; reason: MonthlyGiftFailure; message: string };

export const ENDED_MESSAGE = "This monthly gift has already ended.";
export const NOT_FOUND_MESSAGE = "We could not find that monthly gift.";
export const STRIPE_UNAVAILABLE_MESSAGE = "We could not reach our payment provider just now. Nothing was changed; please try again in a moment.";

export function liveMonthlyGiftOf(subscription: Stripe.Subscription): LiveMonthlyGift {
  const amount = subscription.items.data.reduce((sum, item) => sum + (item.price.unit_amount ?? 0) * (item.quantity ?? 1), 0);
  const periodEnds = subscription.items.data.map((item) => item.current_period_end).filter((end) => Number.isFinite(end));
  const currentPeriodEnd = periodEnds.length > 0 ? new Date(Math.max(...periodEnds) * 1000) : null;
  const endsAt = subscription.cancel_at ? new Date(subscription.cancel_at * 1000) : subscription.cancel_at_period_end ? currentPeriodEnd : null;
  const customer = subscription.customer;
  return {
    subscriptionId: subscription.id,
    customerId: typeof customer === "string" ? customer : customer.id,
    status: subscription.status,
    amount,
    currency: subscription.currency.toUpperCase(),
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    endsAt,
    currentPeriodEnd,
    interval: subscription.items.data[0]?.price.recurring?.interval === "year" ? "year" : "month",
    pausedUntil: subscription.pause_collection?.resumes_at ? new Date(subscription.pause_collection.resumes_at * 1000) : null,
  };
}

/** Whether Stripe will never charge this subscription again, whatever is done to it. */
export function hasEnded(gift: LiveMonthlyGift): boolean {
  return gift.status === "canceled" || gift.status === "incomplete_expired";
}

export interface MonthlyGiftRecord {
  id: string;
  stripeSubscriptionId: string;
  donorId: string;
  donorEmail: string;
  donorName: string | null;
  campaignTitle: string;
}

/** The recurring gift with what its emails need; null for an unknown or malformed id. */
export async function findMonthlyGift(db: Database, recurringGiftId: string): Promise<MonthlyGiftRecord | null> {
  if (!z.uuid().safeParse(recurringGiftId).success) return null;
  const [row] = await db
    .select({
      id: recurringGifts.id,
      stripeSubscriptionId: recurringGifts.stripeSubscriptionId,
      donorId: recurringGifts.donorId,
      donorEmail: knownDonorEmail,
      donorName: donors.name,
      campaignTitle: campaigns.title,
    })
    .from(recurringGifts)
    .innerJoin(donors, eq(donors.id, recurringGifts.donorId))
    .innerJoin(campaigns, eq(campaigns.id, recurringGifts.campaignId))
    .where(eq(recurringGifts.id, recurringGiftId));
  return row ?? null;
}

export async function resolveOptions(options: MonthlyGiftOptions): Promise<{ db: Database; stripe: Stripe; requestId: string }> {
  return {
    db: options.db ?? (await getDb()),
    stripe: options.stripe ?? appStripe(),
    requestId: options.requestId && /^[A-Za-z0-9_-]{8,64}$/.test(options.requestId) ? options.requestId : randomUUID(),
  };
}

/** Runs a Stripe call; a missing subscription or an unreachable Stripe becomes a failure result. */
export async function callStripe<T>(
  what: string,
  call: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; reason: MonthlyGiftFailure; message: string }> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "resource_missing") {
      return { ok: false, reason: "not-found", message: NOT_FOUND_MESSAGE };
    }
    log.error(`${what} failed: ${describeStripeError(error)}`);
    return { ok: false, reason: "stripe-unavailable", message: STRIPE_UNAVAILABLE_MESSAGE };
  }
}

/** A monthly gift as Stripe has it now, ready to change: the stored record, the live subscription and what it says. */
export interface OpenedMonthlyGift {
  ok: true;
  db: Database;
  stripe: Stripe;
  requestId: string;
  gift: MonthlyGiftRecord;
  subscription: Stripe.Subscription;
  before: LiveMonthlyGift;
}

/**
 * What every change starts with: find the gift, read its subscription from Stripe (never from
 * our copy, which only the webhook writes), and refuse one that has already ended.
 */
export async function openMonthlyGift(
  recurringGiftId: string,
  options: MonthlyGiftOptions,
  endedMessage = ENDED_MESSAGE,
): Promise<OpenedMonthlyGift | { ok: false; reason: MonthlyGiftFailure; message: string }> {
  const { db, stripe, requestId } = await resolveOptions(options);
  const gift = await findMonthlyGift(db, recurringGiftId);
  if (!gift) return { ok: false, reason: "not-found", message: NOT_FOUND_MESSAGE };
  const current = await callStripe("reading a subscription", () => stripe.subscriptions.retrieve(gift.stripeSubscriptionId));
  if (!current.ok) return current;
  const before = liveMonthlyGiftOf(current.value);
  if (hasEnded(before)) return { ok: false, reason: "ended", message: endedMessage };
  return { ok: true, db, stripe, requestId, gift, subscription: current.value, before };
}

type ChangeDetails =
  | { change: "amount"; previousAmount: string; amount: string; nextPayment: string | null }
  | { change: "cancelled"; amount: string; endsOn: string | null }
  | { change: "kept"; amount: string; nextPayment: string | null }
  | { change: "paused"; amount: string; resumesOn: string }
  | { change: "resumed"; amount: string; nextPayment: string | null };

/** Queues and sends the confirmation of a change, once per key. A failed send is retried by the outbox. */
export async function sendMonthlyGiftConfirmation(
  db: Database,
  gift: MonthlyGiftRecord,
  live: LiveMonthlyGift,
  idempotencyKey: string,
  details: ChangeDetails,
): Promise<void> {
  const props = {
    organisationName: env().ORG_NAME,
    donorName: gift.donorName,
    campaignTitle: gift.campaignTitle,
    manageUrl: manageGivingUrl(live.customerId),
    ...details,
  } as MonthlyGiftChangedProps;
  await sendEmail(db, { idempotencyKey, template: "monthly-gift-changed", to: gift.donorEmail, props });
}

export function formatOptionalDate(date: Date | null): string | null {
  return date ? formatGiftDate(date) : null;
}
