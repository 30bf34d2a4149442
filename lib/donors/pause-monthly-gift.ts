import "server-only";
import { formatMoney } from "@/lib/money/money";
import {
  callStripe,
  formatOptionalDate,
  liveMonthlyGiftOf,
  openMonthlyGift,
  sendMonthlyGiftConfirmation,
  type MonthlyGiftChangeResult,
  type MonthlyGiftOptions,
} from "./monthly-gift-subscription";

/** How long a donor may pause a monthly gift from their giving page. */
export const PAUSE_MONTHS = [1, 2, 3] as const;
export type PauseMonths = (typeof PAUSE_MONTHS)[number];

/**
 * `date` plus whole calendar months (UTC), clamped to the month's last day, as Stripe moves a
 * monthly billing date: the 31 January plus one month is the 28 (or 29) February.
 */
export function addMonths(date: Date, months: number): Date {
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  target.setUTCHours(date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), 0);
  return target;
}

/**
 * When a gift paused for `months` is charged again: that many payments are skipped, counted from
 * the next one (the end of the period already paid for), so "1 month" always skips exactly one
 * payment whatever day of the month the donor asks.
 */
export function pauseResumesAt(currentPeriodEnd: Date, months: PauseMonths): Date {
  return addMonths(currentPeriodEnd, months);
}

/**
 * Pauses a monthly gift's payments for 1, 2 or 3 months: Stripe's `pause_collection` with
 * `behavior: void` (each invoice in the pause is voided, nothing is charged) and `resumes_at`,
 * when Stripe clears the pause by itself. The subscription stays `active`. Emails one
 * confirmation per change; asking again for the same date changes nothing and sends nothing.
 * Refused for a yearly gift, one set to end, or one whose payment is past due.
 */
export async function pauseMonthlyGift(recurringGiftId: string, months: PauseMonths, options: MonthlyGiftOptions = {}): Promise<MonthlyGiftChangeResult> {
  const opened = await openMonthlyGift(recurringGiftId, options);
  if (!opened.ok) return opened;
  const { db, stripe, requestId, gift, before } = opened;
  if (before.interval !== "month") return { ok: false, reason: "ending", message: "Only a monthly gift can be paused." };
  if (before.endsAt)
    return { ok: false, reason: "ending", message: "This gift is set to end, so it cannot be paused. Keep it first if you want to pause it instead." };
  if (before.status !== "active" || !before.currentPeriodEnd) {
    return { ok: false, reason: "ending", message: "This gift cannot be paused while its last payment is outstanding. Please update your card first." };
  }
  const resumesAt = pauseResumesAt(before.currentPeriodEnd, months);
  if (before.pausedUntil?.getTime() === resumesAt.getTime()) return { ok: true, changed: false, gift: before };

  const updated = await callStripe("pausing a subscription", () =>
    stripe.subscriptions.update(
      gift.stripeSubscriptionId,
      { pause_collection: { behavior: "void", resumes_at: Math.floor(resumesAt.getTime() / 1000) } },
      { idempotencyKey: `pause-monthly-gift:${requestId}` },
    ),
  );
  if (!updated.ok) return updated;
  const after = liveMonthlyGiftOf(updated.value);
  await sendMonthlyGiftConfirmation(db, gift, after, `monthly-gift-paused:${gift.stripeSubscriptionId}:${requestId}`, {
    change: "paused",
    amount: formatMoney(after.amount, after.currency, { showCents: true }),
    resumesOn: formatOptionalDate(after.pausedUntil ?? resumesAt)!,
  });
  return { ok: true, changed: true, gift: after };
}

/** Ends a pause early ("Restart my gift now"): Stripe's `pause_collection` unset; the next payment is the next billing date. */
export async function resumeMonthlyGift(recurringGiftId: string, options: MonthlyGiftOptions = {}): Promise<MonthlyGiftChangeResult> {
  const opened = await openMonthlyGift(recurringGiftId, options);
  if (!opened.ok) return opened;
  const { db, stripe, requestId, gift, before } = opened;
  if (!before.pausedUntil) return { ok: true, changed: false, gift: before };

  const updated = await callStripe("resuming a subscription", () =>
    stripe.subscriptions.update(gift.stripeSubscriptionId, { pause_collection: "" }, { idempotencyKey: `resume-monthly-gift:${requestId}` }),
  );
  if (!updated.ok) return updated;
  const after = liveMonthlyGiftOf(updated.value);
  await sendMonthlyGiftConfirmation(db, gift, after, `monthly-gift-resumed:${gift.stripeSubscriptionId}:${requestId}`, {
    change: "resumed",
    amount: formatMoney(after.amount, after.currency, { showCents: true }),
    nextPayment: formatOptionalDate(after.currentPeriodEnd),
  });
  return { ok: true, changed: true, gift: after };
}
