import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/require-admin";
import { getCachedDashboardTotals } from "@/lib/reports/cached-dashboard-totals";
import { getGiftTrend } from "@/lib/reports/gift-trend";
import { capRange, parseCurrency, parseDateRange, parseGranularity, type SearchParams } from "@/lib/reports/report-filters";
import { formatMoney } from "@/lib/money/money";
import { GiftFigures, GoalProgress } from "./_components/gift-figures";
import { TrendChart } from "./_components/trend-chart";
import { formatDateTime, formatDay } from "./_components/format";

export const metadata: Metadata = { title: "Dashboard" };

const STATUS_LABEL = { draft: "Draft", active: "Active", closed: "Closed" } as const;

export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireAdmin("/admin");
  const params = await searchParams;
  const db = await getDb();
  const { totals, computedAt } = await getCachedDashboardTotals();

  const campaignParam = typeof params.campaign === "string" ? params.campaign : "";
  const chartCampaign = totals.campaigns.find((entry) => entry.campaign.id === campaignParam)?.campaign;
  const currencies = [...new Set([...totals.overall.map((t) => t.currency), ...totals.campaigns.map((c) => c.campaign.currency)])].sort();
  const requestedCurrency = parseCurrency(params);
  const currency =
    requestedCurrency && currencies.includes(requestedCurrency) ? requestedCurrency : (chartCampaign?.currency ?? totals.overall[0]?.currency ?? "USD");
  const requestedRange = parseDateRange(params, new Date(), 30);
  const granularity = parseGranularity(params, requestedRange);
  const range = capRange(requestedRange, granularity);
  const trend = await getGiftTrend(db, { range, granularity, currency, campaignId: chartCampaign?.id });
  const chartTitle = `${granularity === "week" ? "Weekly" : "Daily"} gifts in ${currency}, ${chartCampaign ? chartCampaign.title : "all campaigns"}, ${formatDay(range.from)} to ${formatDay(range.to)} (UTC)`;

  return (
    <div className="space-y-12">
      <div className="space-y-1">
        <h1 className="font-serif text-3xl font-bold">Dashboard</h1>
        <p className="text-sm text-muted">{`Totals as of ${formatDateTime(computedAt)}; they refresh when a gift or refund is recorded or a campaign is edited, and at least every minute.`}</p>
      </div>

      <section aria-labelledby="overall-heading" className="space-y-4">
        <h2 id="overall-heading" className="text-2xl font-bold">
          All campaigns
        </h2>
        {totals.overall.length === 0 ? <p className="text-muted">No gifts yet.</p> : null}
        {totals.overall.map((figures) => {
          const goal = totals.goals.find((g) => g.currency === figures.currency);
          return (
            <article key={figures.currency} aria-labelledby={`overall-${figures.currency}`} className="space-y-4 rounded-lg border border-stone-200 bg-white p-5">
              <h3 id={`overall-${figures.currency}`} className="text-lg font-bold">
                {`${formatMoney(figures.raisedAmount, figures.currency)} raised in ${figures.currency}`}
              </h3>
              {goal ? (
                <GoalProgress
                  raisedAmount={goal.raisedAmount}
                  goalAmount={goal.goalAmount}
                  currency={goal.currency}
                  label={`Progress of ${goal.campaignCount === 1 ? "the campaign" : `${goal.campaignCount} campaigns`} with a goal in ${goal.currency}`}
                />
              ) : null}
              <GiftFigures totals={figures} label={`All campaigns, ${figures.currency}`} />
            </article>
          );
        })}
      </section>

      <section aria-labelledby="trend-heading" className="space-y-4">
        <h2 id="trend-heading" className="text-2xl font-bold">
          Gifts over time
        </h2>
        <form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-4 text-sm">
          <div className="flex flex-col">
            <label htmlFor="trend-campaign" className="font-semibold">
              Campaign
            </label>
            <select id="trend-campaign" name="campaign" defaultValue={chartCampaign?.id ?? ""} className="mt-1 rounded border border-stone-500 px-2 py-2 font-normal">
              <option value="">All campaigns</option>
              {totals.campaigns.map(({ campaign }) => (
                <option key={campaign.id} value={campaign.id}>
                  {campaign.title}
                </option>
              ))}
            </select>
          </div>
          <div className="flex flex-col">
            <label htmlFor="trend-currency" className="font-semibold">
              Currency
            </label>
            <select id="trend-currency" name="currency" defaultValue={currency} className="mt-1 rounded border border-stone-500 px-2 py-2 font-normal">
              {currencies.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          </div>
          <div className="flex flex-col">
            <label htmlFor="trend-from" className="font-semibold">
              From
            </label>
            <input id="trend-from" type="date" name="from" defaultValue={range.from} className="mt-1 rounded border border-stone-500 px-2 py-1.5 font-normal" />
          </div>
          <div className="flex flex-col">
            <label htmlFor="trend-to" className="font-semibold">
              To
            </label>
            <input id="trend-to" type="date" name="to" defaultValue={range.to} className="mt-1 rounded border border-stone-500 px-2 py-1.5 font-normal" />
          </div>
          <div className="flex flex-col">
            <label htmlFor="trend-granularity" className="font-semibold">
              Per
            </label>
            <select id="trend-granularity" name="granularity" defaultValue={granularity} className="mt-1 rounded border border-stone-500 px-2 py-2 font-normal">
              <option value="day">Day</option>
              <option value="week">Week</option>
            </select>
          </div>
          <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
            Show
          </button>
        </form>
        <TrendChart title={chartTitle} points={trend} currency={currency} granularity={granularity} />
      </section>

      <section aria-labelledby="campaigns-heading" className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="campaigns-heading" className="text-2xl font-bold">
            Each campaign
          </h2>
          <Link href="/admin/campaigns/new" className="rounded bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
            New campaign
          </Link>
        </div>
        <ul className="space-y-4">
          {totals.campaigns.map(({ campaign, totals: byCurrency }) => (
            <li key={campaign.id}>
              <article aria-labelledby={`campaign-${campaign.id}`} className="space-y-4 rounded-lg border border-stone-200 bg-white p-5">
                <div className="flex flex-wrap items-baseline justify-between gap-3">
                  <h3 id={`campaign-${campaign.id}`} className="text-lg font-bold">
                    {campaign.title}
                  </h3>
                  <p className="text-sm">
                    <span className="rounded bg-stone-200 px-2 py-0.5 font-semibold">
                      {campaign.kind === "general_fund" ? "General fund" : STATUS_LABEL[campaign.status]}
                    </span>
                    {campaign.featured ? <span className="ml-2 rounded bg-brand-100 px-2 py-0.5 font-semibold text-brand-800">Featured</span> : null}
                  </p>
                </div>
                {byCurrency.map((figures, index) => (
                  <div key={figures.currency} className="space-y-3">
                    {index === 0 && campaign.goalAmount ? (
                      <GoalProgress raisedAmount={figures.raisedAmount} goalAmount={campaign.goalAmount} currency={figures.currency} label={`Progress of ${campaign.title}`} />
                    ) : (
                      <p className="text-sm">
                        <span className="font-bold">{formatMoney(figures.raisedAmount, figures.currency)}</span>
                        {` raised in ${figures.currency}${index > 0 ? " (gifts in another currency than the campaign's, not counted toward its goal)" : ""}`}
                      </p>
                    )}
                    <GiftFigures totals={figures} label={`${campaign.title}, ${figures.currency}`} />
                  </div>
                ))}
                <p className="flex flex-wrap gap-4 text-sm font-semibold">
                  <Link href={`/admin/gifts?campaign=${campaign.id}`} className="text-brand-700 underline">
                    {`Gifts to ${campaign.title}`}
                  </Link>
                  <Link href={`/admin/campaigns/${campaign.id}`} className="text-brand-700 underline">
                    {`Edit ${campaign.title}`}
                  </Link>
                </p>
              </article>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
