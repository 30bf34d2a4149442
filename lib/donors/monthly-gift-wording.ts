import { formatGiftDate } from "@/lib/donations/gift-wording";
import { recurringGiftStatus } from "@/lib/donations/recurring-gift-status";
import type { MonthlyGiftSummary } from "./donor-giving";

type StatusFields = Pick<MonthlyGiftSummary, "status" | "cancelAtPeriodEnd" | "endsAt" | "currentPeriodEnd" | "canceledAt" | "endedAt"> &
  Partial<Pick<MonthlyGiftSummary, "interval" | "pausedUntil">>;

/**
 * What a monthly gift's state means for the donor (the shared statuses: active, ending on a
 * date, past due, cancelled), in words that match what will happen: a gift set to end promises
 * no further payment or receipt.
 */
export function describeMonthlyGiftStatus(gift: StatusFields): { label: string; detail: string } {
  const status = recurringGiftStatus({
    status: gift.status,
    cancelAtPeriodEnd: gift.cancelAtPeriodEnd,
    cancelAt: gift.endsAt,
    currentPeriodEnd: gift.currentPeriodEnd,
    canceledAt: gift.canceledAt,
    endedAt: gift.endedAt,
    interval: gift.interval,
    pausedUntil: gift.pausedUntil,
  });
  const each = gift.interval === "year" ? "year" : "month";
  switch (status.kind) {
    case "cancelled":
      return { label: status.label, detail: "You will not be charged again." };
    case "ending":
      return {
        label: status.label,
        detail: status.endsOn
          ? `Your gift ends on ${formatGiftDate(status.endsOn)}. You will not be charged again and there will be no further receipts.`
          : "You will not be charged again and there will be no further receipts.",
      };
    case "past_due":
      return { label: status.label, detail: "Your last payment did not go through. Please update your card so your gift can continue." };
    case "paused":
      return {
        label: status.label,
        detail: `No payment is taken while your gift is paused. It restarts by itself on ${formatGiftDate(status.resumesOn!)}, or you can restart it sooner here.`,
      };
    case "active":
      if (status.renewsOn) return { label: status.label, detail: `Charged once a year; the next payment is on ${formatGiftDate(status.renewsOn)}.` };
      return { label: status.label, detail: gift.currentPeriodEnd ? `Next payment on ${formatGiftDate(gift.currentPeriodEnd)}.` : `Charged each ${each}.` };
  }
}

/** Whether the donor can still change, cancel or keep this gift. */
export function isLiveMonthlyGift(gift: Pick<MonthlyGiftSummary, "status">): boolean {
  return gift.status !== "canceled" && gift.status !== "incomplete_expired";
}
