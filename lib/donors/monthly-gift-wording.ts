import { formatGiftDate } from "@/lib/donations/gift-wording";
import type { MonthlyGiftSummary } from "./donor-giving";

/**
 * What a monthly gift's state means for the donor, in words that match what will happen: a
 * gift set to end promises no further payment or receipt.
 */
export function describeMonthlyGiftStatus(gift: Pick<MonthlyGiftSummary, "status" | "endsAt" | "currentPeriodEnd" | "canceledAt">): { label: string; detail: string } {
  if (gift.status === "canceled" || gift.status === "incomplete_expired") {
    return { label: "Cancelled", detail: gift.canceledAt ? `Ended on ${formatGiftDate(gift.canceledAt)}. You will not be charged again.` : "You will not be charged again." };
  }
  if (gift.endsAt) {
    return {
      label: `Ending on ${formatGiftDate(gift.endsAt)}`,
      detail: `Your gift ends on ${formatGiftDate(gift.endsAt)}. You will not be charged again and there will be no further receipts.`,
    };
  }
  if (gift.status === "past_due" || gift.status === "unpaid") {
    return { label: "Past due", detail: "Your last payment did not go through. Please update your card so your gift can continue." };
  }
  if (gift.status === "active" || gift.status === "trialing") {
    return { label: "Active", detail: gift.currentPeriodEnd ? `Next payment on ${formatGiftDate(gift.currentPeriodEnd)}.` : "Charged each month." };
  }
  return { label: `Stripe status: ${gift.status.replace(/_/g, " ")}`, detail: "" };
}

/** Whether the donor can still change, cancel or keep this gift. */
export function isLiveMonthlyGift(gift: Pick<MonthlyGiftSummary, "status">): boolean {
  return gift.status !== "canceled" && gift.status !== "incomplete_expired";
}
