import { formatGiftDate } from "@/lib/donations/gift-wording";
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
}

export interface RecurringStatusFields {
  /** Stripe's subscription status. */
  status: string;
  cancelAtPeriodEnd: boolean;
  currentPeriodEnd: Date | null;
  canceledAt: Date | null;
}

export type GiftStatusTone = "plain" | "warning";

export interface GiftStatusLabel {
  text: string;
  tone: GiftStatusTone;
}

/** Stripe subscription statuses after which nothing is charged again. */
const ENDED = new Set(["canceled", "incomplete_expired"]);
const NOT_PAYING: Record<string, string> = { past_due: "payment past due", unpaid: "unpaid", incomplete: "first payment incomplete", paused: "paused" };

/**
 * A monthly gift's state as staff read it. Stripe keeps a subscription "active" until it ends,
 * so a gift cancelled at the period's end reads "ending on <date>", not "active".
 */
export function recurringStatusText(recurring: RecurringStatusFields): string {
  if (ENDED.has(recurring.status)) return recurring.canceledAt ? `cancelled on ${formatGiftDate(recurring.canceledAt)}` : "cancelled";
  if (recurring.cancelAtPeriodEnd) return recurring.currentPeriodEnd ? `ending on ${formatGiftDate(recurring.currentPeriodEnd)}` : "ending";
  if (recurring.status === "active" || recurring.status === "trialing") return "active";
  return NOT_PAYING[recurring.status] ?? recurring.status.replace(/_/g, " ");
}

/**
 * What the gift list's Status column says, one label per fact: refunded or partly refunded
 * (with how much), disputed (with Stripe's dispute status), and for a monthly gift where the
 * monthly gift stands. An untouched one-off gift says "Paid".
 */
export function giftStatusLabels(gift: GiftStatusFields): GiftStatusLabel[] {
  const labels: GiftStatusLabel[] = [];
  if (gift.refundedAmount >= gift.amount) labels.push({ text: "Refunded", tone: "warning" });
  else if (gift.refundedAmount > 0) {
    labels.push({ text: `Partly refunded (${formatMoney(gift.refundedAmount, gift.currency, { showCents: true })})`, tone: "warning" });
  }
  if (gift.disputeStatus) labels.push({ text: `Disputed: ${gift.disputeStatus.replace(/_/g, " ")}`, tone: "warning" });
  if (labels.length === 0) labels.push({ text: "Paid", tone: "plain" });
  if (gift.recurring) {
    const text = recurringStatusText(gift.recurring);
    labels.push({ text: `Monthly gift ${text}`, tone: text === "active" ? "plain" : "warning" });
  }
  return labels;
}
