import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { roleCan } from "@/lib/auth/admin-roles";
import { requireAdmin } from "@/lib/auth/require-admin";
import { getCachedDashboardTotals } from "@/lib/reports/cached-dashboard-totals";
import { getGiftTrend } from "@/lib/reports/gift-trend";
import { giftsInFlightByCurrency } from "@/lib/donations/gifts-in-flight";
import { getMonthlyGivingMovements } from "@/lib/reports/monthly-giving-movements";
import { capRange, parseCurrency, parseDateRange, parseGranularity, type SearchParams } from "@/lib/reports/report-filters";
import { formatMoney } from "@/lib/money/money";
import { GiftFigures, GoalProgress } from "./_components/gift-figures";
import { TrendChart } from "./_components/trend-chart";
import { AdminSection } from "./_components/admin-section";
import { DataTable, cell, numericCell, row } from "./_components/data-table";
import { NewCampaignLink } from "./_components/campaign-links";
import { DateRangeFields, FilterForm, FilterSelect } from "./_components/filter-form";
import { campaignStatusLabel, formatDateTime, formatDay } from "./_components/format";

export const metadata: Metadata = { title: "Dashboard" };

const GRANULARITY_OPTIONS = [
  { value: "day", label: "Day" },
  { value: "week", label: "Week" },
];

export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const me = await requireAdmin("/admin");
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
  const [trend, movements, inFlight] = await Promise.all([
    getGiftTrend(db, { range, granularity, currency, campaignId: chartCampaign?.id }),
    getMonthlyGivingMovements(db, { range: requestedRange, currency, campaignId: chartCampaign?.id }),
    giftsInFlightByCurrency(db),
  ]);
  const feeNotRecorded = totals.overall.reduce((sum, figures) => sum + figures.feeNotRecordedCount, 0);
  const scope = `${currency}, ${chartCampaign ? chartCampaign.title : "all campaigns"}`;
  const chartTitle = `${granularity === "week" ? "Weekly" : "Daily"} gifts in ${currency}, ${chartCampaign ? chartCampaign.title : "all campaigns"}, ${formatDay(range.from)} to ${formatDay(range.to)} (UTC)`;

  return (
    <div className="space-y-12">
      <div className="space-y-1">
        <h1 className="font-serif text-3xl font-bold">Dashboard</h1>
        <p className="text-sm text-muted">{`Totals as of ${formatDateTime(computedAt)}; they refresh when a gift, refund, dispute or monthly gift changes or a campaign is edited, and at least every minute.`}</p>
      </div>

      <AdminSection id="overall" title="All campaigns" className="space-y-4">
        {totals.overall.length === 0 ? <p className="text-muted">No gifts yet.</p> : null}
        {totals.overall.map((figures) => {
          const goal = totals.goals.find((g) => g.currency === figures.currency);
          return (
            <article
              key={figures.currency}
              aria-labelledby={`overall-${figures.currency}`}
              className="space-y-4 rounded-lg border border-stone-200 bg-white p-5"
            >
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
              {figures.matchedAmount > 0 ? (
                <p className="text-sm">{`${formatMoney(figures.matchedAmount, figures.currency)} matched by sponsors on top: ${formatMoney(figures.raisedAmount + figures.matchedAmount, figures.currency)} with matches`}</p>
              ) : null}
              <GiftFigures totals={figures} label={`All campaigns, ${figures.currency}`} />
            </article>
          );
        })}
      </AdminSection>

      <AdminSection id="stripe-settlement" title="Settled by Stripe" className="space-y-4">
        <p className="text-sm text-muted">
          What Stripe&apos;s balance received and paid out for these gifts, in the currency Stripe settles in, exactly as its balance transactions report it:
          the figures that match Stripe&apos;s payouts. A gift Stripe converted (another currency than the account&apos;s) is here at Stripe&apos;s rate; above,
          its fee is shown in the gift&apos;s own currency at that same rate.
        </p>
        {totals.settled.length === 0 ? (
          <p className="text-sm">Nothing settled by Stripe yet.</p>
        ) : (
          <DataTable
            caption="Settled by Stripe, per settlement currency"
            columns={[
              { label: "Currency" },
              { label: "Payments", numeric: true },
              { label: "Converted", numeric: true },
              { label: "Received", numeric: true },
              { label: "Refunds and disputes", numeric: true },
              { label: "Stripe fees", numeric: true },
              { label: "Net", numeric: true },
            ]}
          >
            {totals.settled.map((entry) => (
              <tr key={entry.currency} className={row}>
                <td className={cell}>{entry.currency}</td>
                <td className={numericCell}>{entry.paymentCount.toLocaleString("en-US")}</td>
                <td className={numericCell}>{entry.convertedCount.toLocaleString("en-US")}</td>
                <td className={numericCell}>{formatMoney(entry.grossAmount, entry.currency, { showCents: true })}</td>
                <td className={numericCell}>{formatMoney(entry.refundsAndDisputesAmount, entry.currency, { showCents: true })}</td>
                <td className={numericCell}>{formatMoney(entry.feeAmount, entry.currency, { showCents: true })}</td>
                <td className={numericCell}>{formatMoney(entry.netAmount, entry.currency, { showCents: true })}</td>
              </tr>
            ))}
          </DataTable>
        )}
        {feeNotRecorded > 0 ? (
          <p className="text-sm" data-testid="fees-not-recorded">
            {`The Stripe fee of ${feeNotRecorded.toLocaleString("en-US")} ${feeNotRecorded === 1 ? "gift was" : "gifts were"} never recorded (paid before Lantern read fees): it is unknown, not zero, and left out of Stripe fees, Net after fees and this table. `}
            <code>npm run reconcile -- --fees</code>
            {" reads them from Stripe."}
          </p>
        ) : null}
      </AdminSection>

      <AdminSection id="in-flight" title="Gifts in flight" className="space-y-4">
        <p className="text-sm text-muted">
          Gifts paid by bank debit (US bank account, SEPA Direct Debit), one-off gifts and monthly payments, that the bank has not settled yet, which takes a
          few business days. They are not in any figure above until they succeed; a debit that fails never counts.
        </p>
        {inFlight.length === 0 ? (
          <p className="text-sm">No gifts in flight.</p>
        ) : (
          <DataTable
            caption="Gifts in flight, per currency"
            columns={[{ label: "Currency" }, { label: "Gifts", numeric: true }, { label: "Amount", numeric: true }]}
          >
            {inFlight.map((entry) => (
              <tr key={entry.currency} className={row}>
                <td className={cell}>{entry.currency}</td>
                <td className={numericCell}>{entry.count.toLocaleString("en-US")}</td>
                <td className={numericCell}>{formatMoney(entry.amount, entry.currency, { showCents: true })}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </AdminSection>

      <AdminSection id="trend" title="Gifts over time" className="space-y-4">
        <FilterForm label="Chart settings" submitLabel="Show">
          <FilterSelect
            id="trend-campaign"
            name="campaign"
            label="Campaign"
            defaultValue={chartCampaign?.id ?? ""}
            options={[{ value: "", label: "All campaigns" }, ...totals.campaigns.map(({ campaign }) => ({ value: campaign.id, label: campaign.title }))]}
          />
          <FilterSelect
            id="trend-currency"
            name="currency"
            label="Currency"
            defaultValue={currency}
            options={currencies.map((code) => ({ value: code, label: code }))}
          />
          <DateRangeFields idPrefix="trend" from={range.from} to={range.to} />
          <FilterSelect id="trend-granularity" name="granularity" label="Per" defaultValue={granularity} options={GRANULARITY_OPTIONS} />
        </FilterForm>
        <TrendChart title={chartTitle} points={trend} currency={currency} granularity={granularity} />
      </AdminSection>

      <AdminSection id="monthly-giving" title="Monthly gifts ending and ended" className="space-y-4">
        <p className="text-sm text-muted">
          {`${scope}. Ending gifts are still active at Stripe but will not be charged again, so they are already left out of monthly recurring revenue and active monthly donors.`}
        </p>
        <dl aria-label={`Monthly gifts ending and ended, ${scope}`} className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-muted">Ending</dt>
            <dd
              className="font-semibold"
              data-figure="Ending"
            >{`${movements.endingCount.toLocaleString("en-US")} (${formatMoney(movements.endingMonthlyAmount, currency)} a month)`}</dd>
          </div>
          <div>
            <dt className="text-muted">{`Cancelled ${formatDay(requestedRange.from)} to ${formatDay(requestedRange.to)}`}</dt>
            <dd className="font-semibold" data-figure="Cancelled in period">
              {movements.churnedCount.toLocaleString("en-US")}
            </dd>
          </div>
          <div>
            <dt className="text-muted">Monthly income lost in period</dt>
            <dd className="font-semibold" data-figure="Monthly income lost">
              {formatMoney(movements.churnedMonthlyAmount, currency)}
            </dd>
          </div>
        </dl>
        {movements.ending.length > 0 ? (
          <DataTable
            caption={`Monthly gifts set to end, soonest first, ${scope}`}
            columns={[{ label: "Campaign" }, { label: "Monthly amount", numeric: true }, { label: "Ends on" }]}
          >
            {movements.ending.map((gift) => (
              <tr key={gift.id} className={row}>
                <td className={cell}>{gift.campaignTitle}</td>
                <td className={numericCell}>{formatMoney(gift.amount, currency, { showCents: true })}</td>
                <td className={cell}>{gift.endsOn ? formatDay(gift.endsOn.toISOString()) : "—"}</td>
              </tr>
            ))}
          </DataTable>
        ) : (
          <p className="text-sm">No monthly gifts are set to end.</p>
        )}
      </AdminSection>

      <AdminSection id="campaigns" title="Each campaign" action={roleCan(me.role, "content") ? <NewCampaignLink small /> : undefined} className="space-y-4">
        <ul className="space-y-4">
          {totals.campaigns.map(({ campaign, totals: byCurrency }) => (
            <li key={campaign.id}>
              <article aria-labelledby={`campaign-${campaign.id}`} className="space-y-4 rounded-lg border border-stone-200 bg-white p-5">
                <div className="flex flex-wrap items-baseline justify-between gap-3">
                  <h3 id={`campaign-${campaign.id}`} className="text-lg font-bold">
                    {campaign.title}
                  </h3>
                  <p className="text-sm">
                    <span className="rounded bg-stone-200 px-2 py-0.5 font-semibold">{campaignStatusLabel(campaign)}</span>
                    {campaign.featured ? <span className="ml-2 rounded bg-brand-100 px-2 py-0.5 font-semibold text-brand-800">Featured</span> : null}
                  </p>
                </div>
                {byCurrency.map((figures, index) => (
                  <div key={figures.currency} className="space-y-3">
                    {index === 0 && campaign.goalAmount ? (
                      <GoalProgress
                        raisedAmount={figures.raisedAmount}
                        goalAmount={campaign.goalAmount}
                        currency={figures.currency}
                        label={`Progress of ${campaign.title}`}
                      />
                    ) : (
                      <p className="text-sm">
                        <span className="font-bold">{formatMoney(figures.raisedAmount, figures.currency)}</span>
                        {` raised in ${figures.currency}${index > 0 ? " (gifts in another currency than the campaign's, not counted toward its goal)" : ""}`}
                      </p>
                    )}
                    {figures.matchedAmount > 0 ? (
                      <p className="text-sm">
                        {`${formatMoney(figures.matchedAmount, figures.currency)} matched by sponsors on top: ${formatMoney(figures.raisedAmount + figures.matchedAmount, figures.currency)} with matches. `}
                        {roleCan(me.role, "money") ? (
                          <Link href={`/admin/campaigns/${campaign.id}/matching`} className="font-semibold text-brand-700 underline">
                            {`Matching offers on ${campaign.title}`}
                          </Link>
                        ) : null}
                      </p>
                    ) : null}
                    <GiftFigures totals={figures} label={`${campaign.title}, ${figures.currency}`} />
                  </div>
                ))}
                <p className="flex flex-wrap gap-4 text-sm font-semibold">
                  <Link href={`/admin/gifts?campaign=${campaign.id}`} className="text-brand-700 underline">
                    {`Gifts to ${campaign.title}`}
                  </Link>
                  {roleCan(me.role, "content") ? (
                    <Link href={`/admin/campaigns/${campaign.id}`} className="text-brand-700 underline">
                      {`Edit ${campaign.title}`}
                    </Link>
                  ) : null}
                </p>
              </article>
            </li>
          ))}
        </ul>
      </AdminSection>
    </div>
  );
}
