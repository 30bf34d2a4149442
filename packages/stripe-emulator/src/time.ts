/** Stripe timestamps are whole unix seconds. */
export function toUnixSeconds(milliseconds: number): number {
  return Math.floor(milliseconds / 1000);
}

export type Interval = "day" | "week" | "month" | "year";

/**
 * The end of the `count`-th billing period after `anchor`, as Stripe computes it: months are
 * added to the anchor's calendar date (clamped to the month's last day, so a 31st anchor bills on
 * the 28th/30th and back on the 31st), never chained from the previous period end.
 */
export function addIntervals(anchor: number, interval: Interval, intervalCount: number, count: number): number {
  const date = new Date(anchor * 1000);
  const steps = intervalCount * count;
  if (interval === "day") return anchor + steps * 86_400;
  if (interval === "week") return anchor + steps * 7 * 86_400;
  const months = interval === "year" ? steps * 12 : steps;
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(date.getUTCDate(), lastDay);
  return toUnixSeconds(Date.UTC(year, month, day, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()));
}

/** The first period boundary strictly after `after`, counting periods from `anchor`. */
export function nextPeriodEnd(anchor: number, interval: Interval, intervalCount: number, after: number): number {
  for (let count = 1; ; count += 1) {
    const end = addIntervals(anchor, interval, intervalCount, count);
    if (end > after) return end;
  }
}
