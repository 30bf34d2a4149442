import type { GiftTotals } from "@/lib/reports/dashboard-totals";
import { formatMoney } from "@/lib/money/money";

/** " + unknown for 3 gifts": the fees Lantern never read (see the dashboard's Stripe settlement note). */
export function unknownFees(count: number): string {
  return count === 0 ? "" : ` + unknown for ${count.toLocaleString("en-US")} ${count === 1 ? "gift" : "gifts"}`;
}

/** A currency's figures as a description list (what each number means, then the number). */
export function GiftFigures({ totals, label }: { totals: GiftTotals; label: string }) {
  const money = (amount: number) => formatMoney(amount, totals.currency);
  const items: [string, string][] = [
    ["Gifts", totals.giftCount.toLocaleString("en-US")],
    ["Unique donors", totals.donorCount.toLocaleString("en-US")],
    ["Average gift", totals.averageGiftAmount === null ? "—" : money(totals.averageGiftAmount)],
    ["One-off", `${money(totals.oneOffAmount)} (${totals.oneOffCount.toLocaleString("en-US")})`],
    ["Recurring", `${money(totals.monthlyAmount)} (${totals.monthlyCount.toLocaleString("en-US")})`],
    ["Active monthly donors", totals.activeMonthlyDonors.toLocaleString("en-US")],
    // Monthly gifts plus a twelfth of the yearly ones (lib/reports/dashboard-totals.ts).
    ["Recurring per month", money(totals.recurringPerMonth)],
    ["Yearly gifts", `${totals.activeYearlyGifts.toLocaleString("en-US")} (${money(totals.yearlyRecurringAmount)} a year)`],
    ["Gross", money(totals.grossAmount)],
    ["Refunded", money(totals.refundedAmount)],
    ["Lost to disputes", money(totals.disputeLostAmount)],
    // Stripe's fees (payments, refunds, disputes) and what reached the organisation (docs/admin.md);
    // a gift whose fee was never read counts as unknown, never as 0.
    ["Stripe fees", money(totals.feeAmount) + unknownFees(totals.feeNotRecordedCount)],
    ["Net after fees", money(totals.netAfterFeesAmount) + (totals.feeNotRecordedCount > 0 ? " before unknown fees" : "")],
  ];
  return (
    <dl aria-label={label} className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
      {items.map(([term, value]) => (
        <div key={term}>
          <dt className="text-muted">{term}</dt>
          <dd className="font-semibold" data-figure={term}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A progress bar with the same figures in words (role=progressbar with a value text). */
export function GoalProgress({ raisedAmount, goalAmount, currency, label }: { raisedAmount: number; goalAmount: number; currency: string; label: string }) {
  const percent = goalAmount > 0 ? Math.min(100, Math.floor((Math.max(0, raisedAmount) / goalAmount) * 100)) : 0;
  const text = `${formatMoney(raisedAmount, currency)} raised of ${formatMoney(goalAmount, currency)} goal (${percent}%)`;
  return (
    <div className="space-y-1">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
        className="h-3 w-full overflow-hidden rounded-full bg-stone-200"
      >
        <div className="h-full rounded-full bg-brand-700" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-sm text-muted">{text}</p>
    </div>
  );
}
