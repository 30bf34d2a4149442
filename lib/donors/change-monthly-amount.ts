import "server-only";
import { env } from "@/lib/env";
import { formatMoney } from "@/lib/money/money";
import { organisation } from "@/lib/organisation/organisation";
import { donationAmountBounds } from "@/lib/payments/donation-amount-bounds";
import {
  callStripe,
  formatOptionalDate,
  liveMonthlyGiftOf,
  openMonthlyGift,
  sendMonthlyGiftConfirmation,
  type MonthlyGiftChangeResult,
  type MonthlyGiftOptions,
} from "./monthly-gift-subscription";

/** Why an amount cannot be the new monthly amount, or null when it can (same bounds as a new gift). */
export function monthlyAmountProblem(amount: number, currency: string): string | null {
  const { DONATION_MIN_AMOUNT, DONATION_MAX_AMOUNT } = env();
  const bounds = donationAmountBounds(currency, { min: DONATION_MIN_AMOUNT, max: DONATION_MAX_AMOUNT });
  if (!Number.isSafeInteger(amount) || amount < bounds.min)
    return `The smallest monthly gift we can take is ${formatMoney(bounds.min, currency, { showCents: true })}.`;
  if (amount > bounds.max)
    return `The largest monthly gift we can take online is ${formatMoney(bounds.max, currency)}. For a larger gift, please contact us at ${organisation().contactEmail}.`;
  return null;
}

/**
 * Changes a monthly gift's amount from the next payment on: the subscription's item gets a new
 * price (`price_data` on the same product, same interval) with `proration_behavior: 'none'`, so
 * nothing is charged or credited now. This is what real Stripe allows through its API; its
 * customer portal could only switch between prices listed in its configuration. Emails a
 * confirmation. `amount` is in minor units of the gift's currency. No authorisation here.
 */
export async function changeMonthlyAmount(recurringGiftId: string, amount: number, options: MonthlyGiftOptions = {}): Promise<MonthlyGiftChangeResult> {
  const opened = await openMonthlyGift(recurringGiftId, options);
  if (!opened.ok) return opened;
  const { db, stripe, requestId, gift, subscription, before } = opened;
  if (before.endsAt) return { ok: false, reason: "ending", message: "This monthly gift is set to end. Keep it first, then change the amount." };
  const problem = monthlyAmountProblem(amount, before.currency);
  if (problem) return { ok: false, reason: "invalid-amount", message: problem };
  const [item, ...others] = subscription.items.data;
  if (!item || others.length > 0 || !item.price.recurring) {
    // Lantern's gifts have one monthly item; anything else was made elsewhere and is left alone.
    return {
      ok: false,
      reason: "invalid-amount",
      message: `The amount of this gift cannot be changed here. Please contact us at ${organisation().contactEmail}.`,
    };
  }
  if (amount === before.amount) return { ok: true, changed: false, gift: before };

  const product = typeof item.price.product === "string" ? item.price.product : item.price.product.id;
  const updated = await callStripe("changing a subscription's amount", () =>
    stripe.subscriptions.update(
      gift.stripeSubscriptionId,
      {
        items: [
          {
            id: item.id,
            price_data: {
              currency: item.price.currency,
              product,
              unit_amount: amount,
              recurring: { interval: item.price.recurring!.interval, interval_count: item.price.recurring!.interval_count },
            },
            quantity: 1,
          },
        ],
        proration_behavior: "none",
      },
      { idempotencyKey: `change-monthly-amount:${requestId}:${amount}` },
    ),
  );
  if (!updated.ok) return updated;
  const after = liveMonthlyGiftOf(updated.value);
  await sendMonthlyGiftConfirmation(db, gift, after, `monthly-gift-amount:${gift.stripeSubscriptionId}:${requestId}:${amount}`, {
    change: "amount",
    previousAmount: formatMoney(before.amount, before.currency, { showCents: true }),
    amount: formatMoney(after.amount, after.currency, { showCents: true }),
    nextPayment: formatOptionalDate(after.currentPeriodEnd),
  });
  return { ok: true, changed: true, gift: after };
}
