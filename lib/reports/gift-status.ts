import { recurringGiftStatus, type RecurringGiftStatusFields } from "@/lib/donations/recurring-gift-status";
import { formatMoney } from "@/lib/money/money";

/** The stored state of one gift that its admin status is read from. */
export interface GiftStatusFields {
  amount: number;
  refundedAmount: number;
  currency: string;
  /** Stripe's dispute status (needs_response, under_review, won, lost, …), null when never disputed. */
  disputeStatus: string | null;
  /** The monthly gift the payment belongs to, null for a one-off gift. */
  recurring: RecurringStatusFields | null;
  /** A voided offline gift (lib/donations/offline-gifts.ts); absent means not voided. */
  voidedAt?: Date | null;
}

/** The recurring_gifts columns a monthly gift's state is read from (lib/donations/recurring-gift-status.ts). */
export type RecurringStatusFields = RecurringGiftStatusFields;

export type GiftStatusTone = "plain" | "warning";

export interface GiftStatusLabel {
  text: string;
  tone: GiftStatusTone;
}

/** "active", "ending on May 3, 2026", "payment past due", "cancelled on …": the shared wording, mid-sentence. */
export function recurringStatusText(recurring: RecurringStatusFields): string {
  const { label } = recurringGiftStatus(recurring);
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/**
 * What the gift list's Status column says, one label per fact: refunded or partly refunded
 * (with how much), disputed (with Stripe's dispute status), and for a monthly gift where the
 * monthly gift stands. An untouched one-off gift says "Paid".
 */
export function giftStatusLabels(gift: GiftStatusFields): GiftStatusLabel[] {
  const labels: GiftStatusLabel[] = [];
  if (gift.voidedAt) return [{ text: "Void (counts in no total)", tone: "warning" }];
  if (gift.refundedAmount >= gift.amount) labels.push({ text: "Refunded", tone: "warning" });
  else if (gift.refundedAmount > 0) {
    labels.push({ text: `Partly refunded (${formatMoney(gift.refundedAmount, gift.currency, { showCents: true })})`, tone: "warning" });
  }
  if (gift.disputeStatus) labels.push({ text: `Disputed: ${gift.disputeStatus.replace(/_/g, " ")}`, tone: "warning" });
  if (labels.length === 0) labels.push({ text: "Paid", tone: "plain" });
  if (gift.recurring) {
    const kind = recurringGiftStatus(gift.recurring).kind;
    const what = gift.recurring.interval === "year" ? "Yearly gift" : "Monthly gift";
    labels.push({ text: `${what} ${recurringStatusText(gift.recurring)}`, tone: kind === "active" || kind === "paused" ? "plain" : "warning" });
  }
  return labels;
}
