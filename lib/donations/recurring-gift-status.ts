import { formatGiftDate } from "./gift-wording";

// Whether a gift counts toward MRR is the ledger's rule: lib/ledger/will-charge-again.ts.

/**
 * What a recurring (monthly or yearly) gift's stored Stripe state means for the donor and staff. Stripe keeps a
 * subscription `active` until the moment it ends, so "active" alone hides a gift the donor has
 * already cancelled at the period's end (`cancel_at_period_end`) or one with a scheduled end
 * (`cancel_at`): both read as "ending on <date>" here.
 */
export type RecurringGiftStatusKind = "active" | "paused" | "ending" | "past_due" | "cancelled";

export interface RecurringGiftStatus {
  kind: RecurringGiftStatusKind;
  /** When an ending gift stops (its last paid period's end), or when a cancelled one stopped. */
  endsOn?: Date;
  /** When a paused gift is charged again (Stripe's pause_collection.resumes_at). */
  resumesOn?: Date;
  /** When an active yearly gift is next charged. */
  renewsOn?: Date;
  /** "Active", "Renews on March 3, 2027" (yearly), "Paused until …", "Ending on December 31, 2026", "Payment past due", "Cancelled on …". */
  label: string;
}

/** The columns of a recurring_gifts row the status is derived from. */
export interface RecurringGiftStatusFields {
  status: string;
  cancelAtPeriodEnd: boolean;
  cancelAt: Date | null;
  currentPeriodEnd: Date | null;
  canceledAt: Date | null;
  /** Stripe's `ended_at`: when a cancelled gift actually stopped (canceledAt is when it was asked for). */
  endedAt?: Date | null;
  /** "month" (the default) or "year". */
  interval?: string;
  /** Stripe's pause_collection.resumes_at while payments are paused. */
  pausedUntil?: Date | null;
}

/** Stripe statuses after which a subscription is never charged again. */
const ENDED_STATUSES = new Set(["canceled", "incomplete_expired"]);

/** Stripe statuses that are not active but not ended either, and how they read. */
const NOT_PAYING_LABELS: Record<string, string> = {
  past_due: "Payment past due",
  unpaid: "Unpaid",
  incomplete: "First payment incomplete",
  paused: "Paused",
};

/** When a gift with a scheduled end stops: `cancel_at` (Stripe sets it for period-end cancellations too), else the period's end. */
function scheduledEnd(gift: RecurringGiftStatusFields): Date | null {
  if (gift.cancelAt) return gift.cancelAt;
  if (gift.cancelAtPeriodEnd) return gift.currentPeriodEnd;
  return null;
}

function hasScheduledEnd(gift: RecurringGiftStatusFields): boolean {
  return gift.cancelAtPeriodEnd || gift.cancelAt !== null;
}

export function recurringGiftStatus(gift: RecurringGiftStatusFields): RecurringGiftStatus {
  if (ENDED_STATUSES.has(gift.status)) {
    const endedOn = gift.endedAt ?? gift.canceledAt;
    return endedOn ? { kind: "cancelled", endsOn: endedOn, label: `Cancelled on ${formatGiftDate(endedOn)}` } : { kind: "cancelled", label: "Cancelled" };
  }
  if (hasScheduledEnd(gift)) {
    const endsOn = scheduledEnd(gift);
    return endsOn ? { kind: "ending", endsOn, label: `Ending on ${formatGiftDate(endsOn)}` } : { kind: "ending", label: "Ending" };
  }
  if (gift.pausedUntil && gift.status !== "past_due") {
    return { kind: "paused", resumesOn: gift.pausedUntil, label: `Paused until ${formatGiftDate(gift.pausedUntil)}` };
  }
  if (gift.status === "active" || gift.status === "trialing") {
    // A yearly gift is charged rarely enough that its next date is the status itself.
    if (gift.interval === "year" && gift.currentPeriodEnd) {
      return { kind: "active", renewsOn: gift.currentPeriodEnd, label: `Renews on ${formatGiftDate(gift.currentPeriodEnd)}` };
    }
    return { kind: "active", label: "Active" };
  }
  return { kind: "past_due", label: NOT_PAYING_LABELS[gift.status] ?? "Payment past due" };
}
