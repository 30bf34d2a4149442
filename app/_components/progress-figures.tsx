import { formatMoney } from "@/lib/money/money";
import { progressPercent } from "@/lib/campaigns/campaign-progress";

interface ProgressFiguresProps {
  /** From donors, net of refunds and lost disputes. */
  raisedAmount: number;
  /** What sponsors' matches add (same currency); the bar and the headline count both. */
  matchedAmount?: number;
  goalAmount: number | null;
  currency: string;
  donorCount: number;
  /** Shown after the donor count when the campaign has an end date. */
  daysLeft?: number | null;
  /** Names the bar for assistive technology, e.g. the campaign title. */
  label: string;
  /** Milestones (percent of the goal) marked on the bar, e.g. [50]. */
  marks?: number[];
}

/** Raised of goal as a bar plus the same figures in words. */
export function ProgressFigures({
  raisedAmount: fromDonors,
  matchedAmount = 0,
  goalAmount,
  currency,
  donorCount,
  daysLeft,
  label,
  marks = [],
}: ProgressFiguresProps) {
  const raisedAmount = fromDonors + matchedAmount;
  const raised = formatMoney(raisedAmount, currency);
  const goal = goalAmount ? formatMoney(goalAmount, currency) : null;
  const percent = progressPercent(raisedAmount, goalAmount);
  // A new campaign invites the first gift rather than showing "0 donors".
  const donors = donorCount === 0 ? "Be the first to give" : `${donorCount.toLocaleString("en-US")} ${donorCount === 1 ? "donor" : "donors"}`;
  const goalReached = goalAmount !== null && goalAmount > 0 && raisedAmount >= goalAmount;
  return (
    <div className="space-y-2">
      {goal ? (
        <div
          role="progressbar"
          aria-label={`Progress of ${label}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${raised} raised of ${goal} goal`}
          className="relative h-3 w-full overflow-hidden rounded-full bg-stone-200"
        >
          <div className="h-full rounded-full bg-brand-700" style={{ width: `${percent}%` }} />
          {marks
            .filter((mark) => mark > 0 && mark < 100)
            .map((mark) => (
              <span key={mark} aria-hidden="true" className="absolute inset-y-0 w-0.5 bg-white" style={{ left: `${mark}%` }} />
            ))}
        </div>
      ) : null}
      <p className="text-sm text-muted">
        <span className="text-lg font-bold text-ink" data-testid="raised">
          {raised}
        </span>{" "}
        {goal ? `raised of ${goal} goal` : "raised"}
        {goalReached ? " (goal reached)" : null}
        {" · "}
        <span data-testid="donors">{donors}</span>
        {daysLeft !== undefined && daysLeft !== null ? ` · ${daysLeft === 0 ? "ended" : `${daysLeft} ${daysLeft === 1 ? "day" : "days"} left`}` : null}
      </p>
      {matchedAmount > 0 ? (
        <p className="text-sm text-muted" data-testid="raised-and-matched">
          <span data-testid="from-donors">{formatMoney(fromDonors, currency)}</span> from donors +{" "}
          <span data-testid="matched">{formatMoney(matchedAmount, currency)}</span> matched by sponsors
        </p>
      ) : null}
    </div>
  );
}
