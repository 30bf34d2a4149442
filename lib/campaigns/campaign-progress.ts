/** Share of the goal reached, 0–100, for progress bars (capped: a campaign can exceed its goal). */
export function progressPercent(raisedAmount: number, goalAmount: number | null): number {
  if (!goalAmount || goalAmount <= 0) return 0;
  return Math.min(100, Math.floor((Math.max(0, raisedAmount) / goalAmount) * 100));
}

/** Whole days until `endsAt` (rounded up), 0 once it has passed, null without an end date. */
export function daysLeft(endsAt: string | null, now: Date): number | null {
  if (!endsAt) return null;
  const ms = new Date(endsAt).getTime() - now.getTime();
  return ms <= 0 ? 0 : Math.ceil(ms / 86_400_000);
}
