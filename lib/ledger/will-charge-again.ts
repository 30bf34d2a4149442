/*
 * Which monthly gifts count toward MRR and active monthly donors: the ledger's own rule, kept in
 * lib/ledger so the ledger imports no feature folder. (How a monthly gift's state reads to
 * people is lib/donations/recurring-gift-status.ts.)
 */

/** The columns of a recurring_gifts row the rule reads. */
export interface RecurringGiftChargeState {
  status: string;
  cancelAtPeriodEnd: boolean;
  cancelAt: Date | null;
  /** Stripe's pause_collection.resumes_at: a paused gift is charged nothing until then. */
  pausedUntil?: Date | null;
}

/**
 * Statuses that Stripe will charge again at the next renewal if nothing changes: `active` and
 * `trialing`, and `past_due`, because Stripe keeps retrying a past-due invoice and the gift
 * only leaves when Stripe gives up (the subscription then turns `canceled` or `unpaid`).
 * Must match WILL_CHARGE_AGAIN_SQL.
 */
const CHARGED_AGAIN_STATUSES = ["active", "trialing", "past_due"] as const;

/**
 * Whether the gift counts toward MRR and active monthly donors: Stripe will charge it again
 * (active, trialing or past due), no end is scheduled and collection is not paused. An ending
 * gift leaves MRR the moment the donor cancels, not when its last paid period runs out; a paused
 * gift leaves it while paused (it is not churned either: it has not ended) and comes back when
 * Stripe clears pause_collection.
 */
export function willChargeAgain(gift: RecurringGiftChargeState): boolean {
  return (CHARGED_AGAIN_STATUSES as readonly string[]).includes(gift.status) && !gift.cancelAtPeriodEnd && gift.cancelAt === null && !gift.pausedUntil;
}

/** willChargeAgain as SQL over recurring_gifts (the ledger's backfill and `npm run ledger:verify`). */
export const WILL_CHARGE_AGAIN_SQL = `(status in (${CHARGED_AGAIN_STATUSES.map((s) => `'${s}'`).join(", ")}) and not cancel_at_period_end and cancel_at is null and paused_until is null)`;

/** Active monthly gifts (MRR, active monthly donors) and active yearly gifts (the yearly gifts figures), as SQL over recurring_gifts. */
export const ACTIVE_MONTHLY_SQL = `(${WILL_CHARGE_AGAIN_SQL} and interval <> 'year')`;
export const ACTIVE_YEARLY_SQL = `(${WILL_CHARGE_AGAIN_SQL} and interval = 'year')`;
