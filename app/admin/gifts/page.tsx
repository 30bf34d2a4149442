import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/require-admin";
import { listCampaignChoices } from "@/lib/campaigns/admin-campaigns";
import { formatMoney } from "@/lib/money/money";
import { listRecentGifts } from "@/lib/reports/recent-gifts";
import { parseGiftFilter, type SearchParams } from "@/lib/reports/report-filters";
import { formatDateTime } from "../_components/format";

export const metadata: Metadata = { title: "Gifts" };

const PAGE_SIZE = 25;

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function GiftsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireAdmin("/admin/gifts");
  const params = await searchParams;
  const db = await getDb();
  const filter = parseGiftFilter(params);
  const [choices, page] = await Promise.all([
    listCampaignChoices(db),
    listRecentGifts(db, filter, { before: one(params.before), after: one(params.after), limit: PAGE_SIZE }),
  ]);

  // The applied filter, kept in pagination and export links.
  const filterQuery = new URLSearchParams();
  if (filter.campaignId) filterQuery.set("campaign", filter.campaignId);
  if (filter.kind) filterQuery.set("kind", filter.kind);
  const from = one(params.from) && filter.range ? filter.range.from : "";
  const to = one(params.to) && filter.range ? filter.range.to : "";
  if (from) filterQuery.set("from", from);
  if (to) filterQuery.set("to", to);
  const linkWith = (extra: Record<string, string>) => `?${new URLSearchParams({ ...Object.fromEntries(filterQuery), ...extra })}`;

  return (
    <div className="space-y-8">
      <h1 className="font-serif text-3xl font-bold">Gifts</h1>

      <form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-4 text-sm" aria-label="Filter gifts">
        <div className="flex flex-col">
          <label htmlFor="gifts-campaign" className="font-semibold">
            Campaign
          </label>
          <select id="gifts-campaign" name="campaign" defaultValue={filter.campaignId ?? ""} className="mt-1 rounded border border-stone-500 px-2 py-2 font-normal">
            <option value="">All campaigns</option>
            {choices.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.title}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col">
          <label htmlFor="gifts-kind" className="font-semibold">
            Kind
          </label>
          <select id="gifts-kind" name="kind" defaultValue={filter.kind ?? ""} className="mt-1 rounded border border-stone-500 px-2 py-2 font-normal">
            <option value="">Once and monthly</option>
            <option value="one_off">Once</option>
            <option value="recurring">Monthly</option>
          </select>
        </div>
        <div className="flex flex-col">
          <label htmlFor="gifts-from" className="font-semibold">
            From
          </label>
          <input id="gifts-from" type="date" name="from" defaultValue={from} className="mt-1 rounded border border-stone-500 px-2 py-1.5 font-normal" />
        </div>
        <div className="flex flex-col">
          <label htmlFor="gifts-to" className="font-semibold">
            To
          </label>
          <input id="gifts-to" type="date" name="to" defaultValue={to} className="mt-1 rounded border border-stone-500 px-2 py-1.5 font-normal" />
        </div>
        <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          Apply
        </button>
        <Link href="/admin/gifts" className="px-2 py-2 font-semibold text-brand-700 underline">
          Clear
        </Link>
      </form>

      <p>
        <a href={`/admin/exports/gifts?${filterQuery}`} download className="font-semibold text-brand-700 underline">
          Download these gifts as CSV
        </a>
        <span className="text-sm text-muted"> (every gift matching the filter, not only this page; dates in UTC)</span>
      </p>

      {page.gifts.length === 0 ? (
        <p>No gifts match this filter.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Gifts, newest first</caption>
            <thead className="bg-stone-100">
              <tr>
                <th scope="col" className="px-3 py-2">Date</th>
                <th scope="col" className="px-3 py-2">Donor</th>
                <th scope="col" className="px-3 py-2 text-right">Amount</th>
                <th scope="col" className="px-3 py-2">Campaign</th>
                <th scope="col" className="px-3 py-2">Kind</th>
                <th scope="col" className="px-3 py-2">Dedication</th>
              </tr>
            </thead>
            <tbody>
              {page.gifts.map((gift) => (
                <tr key={gift.id} className="border-t border-stone-200 align-top">
                  <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(gift.paidAt)}</td>
                  <td className="px-3 py-2">{gift.donorName ?? <em>Anonymous</em>}</td>
                  <td className="px-3 py-2 text-right whitespace-nowrap">
                    {formatMoney(gift.amount, gift.currency, { showCents: true })}
                    {gift.refundedAmount > 0 ? (
                      <span className="block text-xs text-red-800">
                        {gift.refundedAmount >= gift.amount ? "Refunded" : `${formatMoney(gift.refundedAmount, gift.currency, { showCents: true })} refunded`}
                      </span>
                    ) : null}
                    {gift.disputeStatus ? <span className="block text-xs text-red-800">{`Disputed (${gift.disputeStatus.replace(/_/g, " ")})`}</span> : null}
                  </td>
                  <td className="px-3 py-2">{gift.campaignTitle}</td>
                  <td className="px-3 py-2">{gift.kind === "recurring" ? "Monthly" : "Once"}</td>
                  <td className="px-3 py-2">{gift.dedication ? `${gift.dedication.kind === "in_memory" ? "In memory of" : "In honour of"} ${gift.dedication.name}` : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <nav aria-label="Gift pages" className="flex justify-between text-sm font-semibold">
        {page.newerCursor ? (
          <Link href={linkWith({ after: page.newerCursor })} className="text-brand-700 underline">
            ← Newer gifts
          </Link>
        ) : (
          <span />
        )}
        {page.olderCursor ? (
          <Link href={linkWith({ before: page.olderCursor })} className="text-brand-700 underline">
            Older gifts →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
