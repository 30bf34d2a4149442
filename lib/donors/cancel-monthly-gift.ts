import "server-only";
import { formatMoney } from "@/lib/money/money";
import {
  callStripe,
  ENDED_MESSAGE,
  formatOptionalDate,
  liveMonthlyGiftOf,
  openMonthlyGift,
  sendMonthlyGiftConfirmation,
  type MonthlyGiftChangeResult,
  type MonthlyGiftOptions,
} from "./monthly-gift-subscription";

/**
 * Cancels a monthly gift at the end of the period already paid for (`cancel_at_period_end`):
 * the donor is not charged again, and can keep the gift until that day. Emails a confirmation.
 * A gift already set to end is left as it is (`changed: false`, no email). No authorisation
 * here: the donor's page and the admin tools each check who may do this.
 */
export async function cancelMonthlyGift(recurringGiftId: string, options: MonthlyGiftOptions = {}): Promise<MonthlyGiftChangeResult> {
  const opened = await openMonthlyGift(recurringGiftId, options);
  if (!opened.ok) return opened;
  const { db, stripe, requestId, gift, before } = opened;
  if (before.endsAt) return { ok: true, changed: false, gift: before };

  const updated = await callStripe("cancelling a subscription", () =>
    stripe.subscriptions.update(gift.stripeSubscriptionId, { cancel_at_period_end: true }, { idempotencyKey: `cancel-monthly-gift:${requestId}` }),
  );
  if (!updated.ok) return updated;
  const after = liveMonthlyGiftOf(updated.value);
  await sendMonthlyGiftConfirmation(db, gift, after, `monthly-gift-cancelled:${gift.stripeSubscriptionId}:${requestId}`, {
    change: "cancelled",
    amount: formatMoney(after.amount, after.currency, { showCents: true }),
    endsOn: formatOptionalDate(after.endsAt),
  });
  return { ok: true, changed: true, gift: after };
}

/**
 * Undoes a cancellation that has not taken effect yet ("Keep my gift"): the gift goes on at
 * the same amount. Emails a confirmation. A gift not set to end is left as it is.
 */
export async function keepMonthlyGift(recurringGiftId: string, options: MonthlyGiftOptions = {}): Promise<MonthlyGiftChangeResult> {
  const opened = await openMonthlyGift(recurringGiftId, options, `${ENDED_MESSAGE} To give monthly again, please start a new monthly gift.`);
  if (!opened.ok) return opened;
  const { db, stripe, requestId, gift, subscription, before } = opened;
  if (!before.endsAt) return { ok: true, changed: false, gift: before };

  const updated = await callStripe("keeping a subscription", () =>
    stripe.subscriptions.update(
      gift.stripeSubscriptionId,
      // A scheduled cancel_at (set at Stripe) is cleared too: "keep" means no end date at all.
      subscription.cancel_at && !subscription.cancel_at_period_end ? { cancel_at: "" } : { cancel_at_period_end: false },
      { idempotencyKey: `keep-monthly-gift:${requestId}` },
    ),
  );
  if (!updated.ok) return updated;
  const after = liveMonthlyGiftOf(updated.value);
  await sendMonthlyGiftConfirmation(db, gift, after, `monthly-gift-kept:${gift.stripeSubscriptionId}:${requestId}`, {
    change: "kept",
    amount: formatMoney(after.amount, after.currency, { showCents: true }),
    nextPayment: formatOptionalDate(after.currentPeriodEnd),
  });
  return { ok: true, changed: true, gift: after };
}
