import type { TrendPoint } from "@/lib/reports/gift-trend";
import type { Granularity } from "@/lib/reports/report-filters";
import { formatMoney } from "@/lib/money/money";
import { formatDay } from "./format";

interface TrendChartProps {
  title: string;
  points: TrendPoint[];
  currency: string;
  granularity: Granularity;
}

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { top: 12, right: 8, bottom: 28, left: 8 };

/**
 * Gifts over time as a bar chart drawn on the server (plain SVG, no client JavaScript), named
 * by its title and summarised for screen readers, with every number in a table below it.
 */
export function TrendChart({ title, points, currency, granularity }: TrendChartProps) {
  const money = (amount: number) => formatMoney(amount, currency);
  const max = Math.max(0, ...points.map((point) => point.raisedAmount));
  const total = points.reduce((sum, point) => sum + point.raisedAmount, 0);
  const gifts = points.reduce((sum, point) => sum + point.giftCount, 0);
  const best = points.reduce<TrendPoint | null>((top, point) => (point.raisedAmount > (top?.raisedAmount ?? 0) ? point : top), null);
  const unit = granularity === "week" ? "week" : "day";
  const bucketLabel = (point: TrendPoint) => (granularity === "week" ? `Week of ${formatDay(point.bucket)}` : formatDay(point.bucket));
  const summary =
    points.length === 0
      ? "No data."
      : `${money(total)} from ${gifts.toLocaleString("en-US")} ${gifts === 1 ? "gift" : "gifts"} over ${points.length} ${points.length === 1 ? unit : `${unit}s`}` +
        (best ? `; the best ${unit} was ${bucketLabel(best)} with ${money(best.raisedAmount)}.` : "; nothing was raised in this period.");

  const innerWidth = WIDTH - PAD.left - PAD.right;
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = points.length > 0 ? innerWidth / points.length : innerWidth;
  const barWidth = Math.max(1, slot * 0.75);
  const titleId = "trend-chart-title";
  const descId = "trend-chart-desc";

  return (
    <figure className="space-y-3">
      <figcaption id={titleId} className="text-lg font-bold">
        {title}
      </figcaption>
      <p id={descId} className="text-sm text-muted">
        {summary}
      </p>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        className="h-auto w-full rounded border border-stone-200 bg-white"
      >
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={HEIGHT - PAD.bottom} y2={HEIGHT - PAD.bottom} stroke="#57534e" strokeWidth={1} />
        {points.map((point, index) => {
          const height = max > 0 ? (point.raisedAmount / max) * innerHeight : 0;
          const x = PAD.left + index * slot + (slot - barWidth) / 2;
          return (
            <rect key={point.bucket} x={x} y={HEIGHT - PAD.bottom - height} width={barWidth} height={height} fill="#9a3412">
              <title>{`${bucketLabel(point)}: ${money(point.raisedAmount)}, ${point.giftCount} ${point.giftCount === 1 ? "gift" : "gifts"}`}</title>
            </rect>
          );
        })}
        {points.length > 0 ? (
          <>
            <text x={PAD.left} y={HEIGHT - 8} fontSize={12} fill="#44403c">
              {formatDay(points[0]!.bucket)}
            </text>
            <text x={WIDTH - PAD.right} y={HEIGHT - 8} fontSize={12} fill="#44403c" textAnchor="end">
              {formatDay(points.at(-1)!.bucket)}
            </text>
          </>
        ) : null}
        {max > 0 ? (
          <text x={WIDTH - PAD.right} y={PAD.top + 4} fontSize={12} fill="#44403c" textAnchor="end">
            {`max ${money(max)}`}
          </text>
        ) : null}
      </svg>
      <details className="rounded border border-stone-200 bg-white p-3">
        <summary className="cursor-pointer font-semibold">Show the numbers as a table</summary>
        <table className="mt-3 w-full text-left text-sm">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col" className="py-1 pr-4">
                {granularity === "week" ? "Week starting" : "Day"}
              </th>
              <th scope="col" className="py-1 pr-4 text-right">
                Gifts
              </th>
              <th scope="col" className="py-1 text-right">
                Raised
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.bucket} className="border-t border-stone-200">
                <th scope="row" className="py-1 pr-4 font-normal">
                  {formatDay(point.bucket)}
                </th>
                <td className="py-1 pr-4 text-right">{point.giftCount.toLocaleString("en-US")}</td>
                <td className="py-1 text-right">{money(point.raisedAmount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
