import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/require-admin";
import { isErasedAddress } from "@/lib/identity/erased-address";
import { formatMoney } from "@/lib/money/money";
import { donorCurrencies, donorFilterQuery, LAPSED_AFTER_MONTHS, listDonors, parseDonorFilter, sortValue } from "@/lib/reports/donor-list";
import { DONOR_SEARCH_MAX_LENGTH, type SearchParams } from "@/lib/reports/report-filters";
import { cell, DataTable, numericCell, row } from "../_components/data-table";
import { FilterForm, FilterSelect } from "../_components/filter-form";
import { formatDay } from "../_components/format";

export const metadata: Metadata = { title: "Donors" };

const PAGE_SIZE = 25;
const DONOR_COLUMNS = [
  { label: "Donor" },
  { label: "Email" },
  { label: "Lifetime giving", numeric: true },
  { label: "Gifts", numeric: true },
  { label: "First gift" },
  { label: "Last gift" },
];

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** An erased donor keeps a tombstone address (lib/identity/erased-address.ts); show what it means, not the tombstone. */
const erased = (email: string | null) => email !== null && isErasedAddress(email);

export default async function DonorsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireAdmin("/admin/donors");
  const params = await searchParams;
  const db = await getDb();
  const currencies = await donorCurrencies(db);
  const filter = parseDonorFilter(params, currencies[0] ?? "USD");
  const page = await listDonors(db, filter, { after: one(params.after), limit: PAGE_SIZE });
  const query = donorFilterQuery(filter);
  const sortOptions = [
    { value: "last-gift", label: "Last gift, most recent first" },
    { value: "first-gift", label: "First gift, earliest first" },
    ...[...new Set([...currencies, filter.currency])].map((currency) => ({
      value: `lifetime-${currency}`,
      label: `Lifetime giving in ${currency}, most first`,
    })),
  ];
  const checkbox = (name: "recurring" | "lapsed" | "subscribed", label: string) => (
    <label className="flex items-center gap-2 py-2">
      <input type="checkbox" name={name} value="1" defaultChecked={filter[name]} className="h-4 w-4" />
      {label}
    </label>
  );

  return (
    <div className="space-y-8">
      <h1 className="font-serif text-3xl font-bold">Donors</h1>
      <p className="max-w-3xl text-sm">
        One row per donor (one email address). Lifetime giving is what their gifts kept after refunds and lost disputes, per currency; a gift voided or refunded
        in full does not count.
      </p>

      <FilterForm
        label="Find donors"
        submitLabel="Show donors"
        after={
          <Link href="/admin/donors" className="px-2 py-2 font-semibold text-brand-700 underline">
            Clear
          </Link>
        }
      >
        <div className="flex flex-col">
          <label htmlFor="donors-search" className="font-semibold">
            Name or email
          </label>
          <input
            id="donors-search"
            type="search"
            name="q"
            defaultValue={filter.search ?? ""}
            maxLength={DONOR_SEARCH_MAX_LENGTH}
            className="mt-1 rounded border border-stone-500 px-2 py-1.5 font-normal"
          />
        </div>
        <FilterSelect id="donors-sort" name="sort" label="Sort by" defaultValue={sortValue(filter)} options={sortOptions} />
        <fieldset className="flex flex-wrap gap-x-4">
          <legend className="font-semibold">Only donors who</legend>
          {checkbox("recurring", "give monthly or yearly now")}
          {checkbox("lapsed", `have lapsed (no gift in ${LAPSED_AFTER_MONTHS} months)`)}
          {checkbox("subscribed", "are subscribed to updates")}
        </fieldset>
      </FilterForm>

      {page.donors.length === 0 ? (
        <p>No donors match.</p>
      ) : (
        <DataTable
          caption={`Donors, sorted by ${sortOptions.find((option) => option.value === sortValue(filter))?.label.toLowerCase()}`}
          columns={DONOR_COLUMNS}
        >
          {page.donors.map((donor) => (
            <tr key={donor.id} className={`${row} align-top`}>
              <td className={cell}>
                <Link href={`/admin/donors/${donor.id}`} className="font-semibold text-brand-700 underline">
                  {erased(donor.email) ? "Erased donor" : donor.name?.trim() || donor.email || "Donor without an address"}
                </Link>
              </td>
              <td className={`${cell} break-all`}>{erased(donor.email) ? "Erased" : (donor.email ?? "None given")}</td>
              <td className={`${numericCell} whitespace-nowrap`}>
                {donor.giving.length === 0 ? (
                  "Nothing kept"
                ) : (
                  <ul>
                    {donor.giving.map((entry) => (
                      <li key={entry.currency}>{formatMoney(entry.amount, entry.currency, { showCents: true })}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td className={numericCell}>{donor.keptGifts}</td>
              <td className={`${cell} whitespace-nowrap`}>{donor.firstGiftAt ? formatDay(donor.firstGiftAt.toISOString()) : "—"}</td>
              <td className={`${cell} whitespace-nowrap`}>{donor.lastGiftAt ? formatDay(donor.lastGiftAt.toISOString()) : "—"}</td>
            </tr>
          ))}
        </DataTable>
      )}

      <nav aria-label="Donor pages" className="flex justify-between text-sm font-semibold">
        {one(params.after) ? (
          <Link href={`?${query}`} className="text-brand-700 underline">
            ← First page
          </Link>
        ) : (
          <span />
        )}
        {page.nextCursor ? (
          <Link href={`?${new URLSearchParams({ ...Object.fromEntries(query), after: page.nextCursor })}`} className="text-brand-700 underline">
            More donors →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
