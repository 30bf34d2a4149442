import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { roleCan } from "@/lib/auth/admin-roles";
import { requireAdmin } from "@/lib/auth/require-admin";
import { listCampaignChoices } from "@/lib/campaigns/admin-campaigns";
import { formatMoney } from "@/lib/money/money";
import { listRecentGifts } from "@/lib/reports/recent-gifts";
import { DONOR_SEARCH_MAX_LENGTH, parseGiftFilter, viaParam, type SearchParams } from "@/lib/reports/report-filters";
import { listEmbeddingOrigins } from "@/lib/reports/embedding-origins";
import { EMBED_KIND_LABELS } from "@/lib/embed/embed-kinds";
import { dedicationText } from "@/lib/donations/gift-wording";
import { GIFT_METHOD_LABELS } from "@/lib/donations/gift-methods";
import { cell, DataTable, numericCell, row } from "../_components/data-table";
import { DateRangeFields, FilterForm, FilterSelect } from "../_components/filter-form";
import { formatDateTime } from "../_components/format";

export const metadata: Metadata = { title: "Gifts" };

const PAGE_SIZE = 25;
const KIND_OPTIONS = [
  { value: "", label: "Once and monthly" },
  { value: "one_off", label: "Once" },
  { value: "recurring", label: "Monthly" },
];
const GIFT_COLUMNS = [
  { label: "Date" },
  { label: "Donor" },
  { label: "Email" },
  { label: "Amount", numeric: true },
  { label: "Status" },
  { label: "Campaign" },
  { label: "Kind" },
  { label: "Paid by" },
  { label: "Given through" },
  { label: "Dedication" },
];

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function GiftsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const me = await requireAdmin("/admin/gifts");
  const params = await searchParams;
  const db = await getDb();
  const filter = parseGiftFilter(params);
  const [choices, origins, page] = await Promise.all([
    listCampaignChoices(db),
    listEmbeddingOrigins(db),
    listRecentGifts(db, filter, { before: one(params.before), after: one(params.after), limit: PAGE_SIZE }),
  ]);

  // The applied filter, kept in pagination and export links.
  const filterQuery = new URLSearchParams();
  if (filter.campaignId) filterQuery.set("campaign", filter.campaignId);
  if (filter.kind) filterQuery.set("kind", filter.kind);
  if (filter.donorSearch) filterQuery.set("q", filter.donorSearch);
  const via = viaParam(filter.via);
  if (via) filterQuery.set("via", via);
  const from = one(params.from) && filter.range ? filter.range.from : "";
  const to = one(params.to) && filter.range ? filter.range.to : "";
  if (from) filterQuery.set("from", from);
  if (to) filterQuery.set("to", to);
  const linkWith = (extra: Record<string, string>) => `?${new URLSearchParams({ ...Object.fromEntries(filterQuery), ...extra })}`;

  return (
    <div className="space-y-8">
      <h1 className="font-serif text-3xl font-bold">Gifts</h1>

      <FilterForm
        label="Filter gifts"
        submitLabel="Apply"
        after={
          <Link href="/admin/gifts" className="px-2 py-2 font-semibold text-brand-700 underline">
            Clear
          </Link>
        }
      >
        <div className="flex flex-col">
          <label htmlFor="gifts-search" className="font-semibold">
            Donor email or name
          </label>
          <input
            id="gifts-search"
            type="search"
            name="q"
            defaultValue={filter.donorSearch ?? ""}
            maxLength={DONOR_SEARCH_MAX_LENGTH}
            className="mt-1 rounded border border-stone-500 px-2 py-1.5 font-normal"
          />
        </div>
        <FilterSelect
          id="gifts-campaign"
          name="campaign"
          label="Campaign"
          defaultValue={filter.campaignId ?? ""}
          options={[{ value: "", label: "All campaigns" }, ...choices.map((choice) => ({ value: choice.id, label: choice.title }))]}
        />
        <FilterSelect id="gifts-kind" name="kind" label="Kind" defaultValue={filter.kind ?? ""} options={KIND_OPTIONS} />
        <FilterSelect
          id="gifts-via"
          name="via"
          label="Given through"
          defaultValue={via ?? ""}
          options={[
            { value: "", label: "Anywhere" },
            { value: "site", label: "Lantern's own pages" },
            { value: "embed", label: "Any other site (embedded)" },
            ...origins.map((origin) => ({ value: origin, label: `Embedded on ${origin}` })),
          ]}
        />
        <DateRangeFields idPrefix="gifts" from={from} to={to} />
      </FilterForm>

      {roleCan(me.role, "money") ? (
        <p>
          <Link href="/admin/gifts/offline/new" className="font-semibold text-brand-700 underline">
            Record a gift received offline
          </Link>
          <span className="text-sm text-muted"> (cheque, bank transfer, cash, donor-advised fund)</span>
        </p>
      ) : null}

      {roleCan(me.role, "export") ? (
        <p>
          <a href={`/admin/exports/gifts?${filterQuery}`} download className="font-semibold text-brand-700 underline">
            Download these gifts as CSV
          </a>
          <span className="text-sm text-muted"> (every gift matching the filter, not only this page; dates in UTC)</span>
        </p>
      ) : null}

      {page.gifts.length === 0 ? (
        <p>No gifts match this filter.</p>
      ) : (
        <DataTable caption="Gifts, newest first" columns={GIFT_COLUMNS}>
          {page.gifts.map((gift) => (
            <tr key={gift.id} className={`${row} align-top`}>
              <td className={`${cell} whitespace-nowrap`}>{formatDateTime(gift.paidAt)}</td>
              <td className={cell}>
                <Link href={`/admin/gifts/${gift.id}`} className="font-semibold text-brand-700 underline">
                  {gift.donorName ?? "Anonymous"}
                  <span className="sr-only">{`, ${formatMoney(gift.amount, gift.currency, { showCents: true })} on ${formatDateTime(gift.paidAt)}`}</span>
                </Link>
              </td>
              <td className={`${cell} break-all`}>{gift.donorEmail}</td>
              <td className={`${numericCell} whitespace-nowrap`}>{formatMoney(gift.amount, gift.currency, { showCents: true })}</td>
              <td className={cell}>
                <ul>
                  {gift.status.map((label) => (
                    <li key={label.text} className={label.tone === "warning" ? "text-red-800" : undefined}>
                      {label.text}
                    </li>
                  ))}
                </ul>
              </td>
              <td className={cell}>{gift.campaignTitle}</td>
              <td className={cell}>{gift.kind === "recurring" ? "Monthly" : "Once"}</td>
              <td className={cell}>{GIFT_METHOD_LABELS[gift.method]}</td>
              <td className={`${cell} break-all`}>{gift.embed ? `${EMBED_KIND_LABELS[gift.embed.kind]} on ${gift.embed.origin}` : ""}</td>
              <td className={cell}>{dedicationText(gift.dedication) ?? ""}</td>
            </tr>
          ))}
        </DataTable>
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
