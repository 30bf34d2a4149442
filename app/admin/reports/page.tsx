import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { roleMayOpen } from "@/lib/auth/admin-permissions";
import { requireAdmin } from "@/lib/auth/require-admin";
import { formatMoney } from "@/lib/money/money";
import { getRetentionReport, listLapsedDonors, parseReportYear, type LapsedDonor, type LapsedKind } from "@/lib/reports/retention";
import type { SearchParams } from "@/lib/reports/report-filters";
import { AdminSection } from "../_components/admin-section";
import { CountTiles } from "../_components/count-tiles";
import { cell, DataTable, numericCell, row } from "../_components/data-table";
import { FilterForm, FilterSelect } from "../_components/filter-form";
import { formatDay } from "../_components/format";

export const metadata: Metadata = { title: "Reports" };

/** Donors shown in each lapsed list; the CSV has them all. */
const LIST_SIZE = 25;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });

function LapsedList({ kind, year, donors, total, canExport }: { kind: LapsedKind; year: number; donors: LapsedDonor[]; total: number; canExport: boolean }) {
  const title = kind === "lybunt" ? `LYBUNT: gave in ${year - 1}, not in ${year}` : `SYBUNT: gave before ${year - 1}, not in ${year - 1} or ${year}`;
  return (
    <AdminSection
      id={kind}
      title={title}
      action={
        canExport ? (
          <a
            href={`/admin/exports/lapsed-donors?${new URLSearchParams({ year: String(year), kind })}`}
            download
            className="font-semibold text-brand-700 underline"
          >
            {`Download all ${total.toLocaleString("en-US")} as CSV`}
          </a>
        ) : undefined
      }
    >
      {donors.length === 0 ? (
        <p>Nobody.</p>
      ) : (
        <>
          <DataTable
            caption={`${kind.toUpperCase()} donors, most recent last gift first`}
            columns={[{ label: "Donor" }, { label: "Last gift" }, { label: "Lifetime giving", numeric: true }]}
          >
            {donors.map((donor) => (
              <tr key={donor.id} className={`${row} align-top`}>
                <td className={cell}>
                  <Link href={`/admin/donors/${donor.id}`} className="font-semibold text-brand-700 underline">
                    {donor.name?.trim() || donor.email || "Donor without an address"}
                  </Link>
                </td>
                <td className={`${cell} whitespace-nowrap`}>{donor.lastGiftAt ? formatDay(donor.lastGiftAt.toISOString()) : "—"}</td>
                <td className={`${numericCell} whitespace-nowrap`}>
                  {donor.giving.map((entry) => formatMoney(entry.amount, entry.currency, { showCents: true })).join(", ") || "—"}
                </td>
              </tr>
            ))}
          </DataTable>
          {total > donors.length ? (
            <p className="text-sm">{`The ${donors.length} with the most recent last gift of ${total.toLocaleString("en-US")}.`}</p>
          ) : null}
        </>
      )}
    </AdminSection>
  );
}

export default async function ReportsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const me = await requireAdmin("/admin/reports");
  // The lists as CSV are personal data: only for roles that may export it.
  const canExport = roleMayOpen(me.role, "/admin/exports/lapsed-donors");
  const params = await searchParams;
  const now = new Date();
  const year = parseReportYear(params.year, now);
  const db = await getDb();
  const [report, lybunt, sybunt] = await Promise.all([
    getRetentionReport(db, year),
    listLapsedDonors(db, year, "lybunt", { limit: LIST_SIZE }),
    listLapsedDonors(db, year, "sybunt", { limit: LIST_SIZE }),
  ]);
  const thisYear = report.years.at(-1)!;
  const yearOptions = Array.from({ length: 10 }, (_, index) => now.getUTCFullYear() - index).map((y) => ({ value: String(y), label: String(y) }));
  const months = year === now.getUTCFullYear() ? report.months.slice(0, now.getUTCMonth() + 1) : report.months;

  return (
    <div className="space-y-12">
      <h1 className="font-serif text-3xl font-bold">Reports</h1>
      <p className="max-w-3xl text-sm">
        Donor retention by calendar year and month (UTC). A gift counts unless it was voided, refunded in full or lost to a dispute; gifts received offline
        count. A donor is one email address.
      </p>

      <FilterForm label="Report year" submitLabel="Show">
        <FilterSelect id="reports-year" name="year" label="Year" defaultValue={String(year)} options={yearOptions} />
      </FilterForm>

      <AdminSection id="retention" title={`Retention in ${year}${year === now.getUTCFullYear() ? " so far" : ""}`}>
        <CountTiles
          counts={[
            [`Donors in ${year}`, thisYear.donors],
            [`Retained from ${year - 1}`, thisYear.retained],
            ["LYBUNT", report.lybunt],
            ["SYBUNT", report.sybunt],
          ]}
        />
        <DataTable
          caption="Donors retained year over year"
          columns={[
            { label: "Year" },
            { label: "Donors", numeric: true },
            { label: "Donors the year before", numeric: true },
            { label: "Retained", numeric: true },
            { label: "Retention rate", numeric: true },
          ]}
        >
          {report.years.map((entry) => (
            <tr key={entry.year} className={row}>
              <th scope="row" className={`${cell} font-semibold`}>
                {entry.year}
              </th>
              <td className={numericCell}>{entry.donors.toLocaleString("en-US")}</td>
              <td className={numericCell}>{entry.previousDonors.toLocaleString("en-US")}</td>
              <td className={numericCell}>{entry.retained.toLocaleString("en-US")}</td>
              <td className={numericCell}>{entry.rate === null ? "—" : percent.format(entry.rate)}</td>
            </tr>
          ))}
        </DataTable>
      </AdminSection>

      <AdminSection id="months" title={`New and returning donors by month, ${year}`}>
        <p className="text-sm">
          New: their first gift ever was that month. Recurring gained: their first monthly or yearly payment was that month. Recurring lost: every monthly or
          yearly gift they had has ended, the last that month.
        </p>
        <DataTable
          caption={`Donors by month, ${year}`}
          columns={[
            { label: "Month" },
            { label: "Donors", numeric: true },
            { label: "New", numeric: true },
            { label: "Returning", numeric: true },
            { label: "Recurring gained", numeric: true },
            { label: "Recurring lost", numeric: true },
          ]}
        >
          {months.map((month) => (
            <tr key={month.month} className={row}>
              <th scope="row" className={`${cell} font-semibold`}>
                {MONTHS[month.month - 1]}
              </th>
              <td className={numericCell}>{month.donors.toLocaleString("en-US")}</td>
              <td className={numericCell}>{month.newDonors.toLocaleString("en-US")}</td>
              <td className={numericCell}>{month.returningDonors.toLocaleString("en-US")}</td>
              <td className={numericCell}>{month.recurringGained.toLocaleString("en-US")}</td>
              <td className={numericCell}>{month.recurringLost.toLocaleString("en-US")}</td>
            </tr>
          ))}
        </DataTable>
        <CountTiles
          className="grid gap-4 sm:grid-cols-2"
          counts={[
            [`Recurring donors gained in ${year}`, report.recurringGained],
            [`Recurring donors lost in ${year}`, report.recurringLost],
          ]}
        />
      </AdminSection>

      <AdminSection id="gift-size" title={`Average and median gift, ${year}`}>
        {report.giftSizes.length === 0 ? (
          <p>No gifts in {year}.</p>
        ) : (
          <DataTable
            caption={`Gift size by currency, ${year}`}
            columns={[
              { label: "Currency" },
              { label: "Gifts", numeric: true },
              { label: "Average gift", numeric: true },
              { label: "Median gift", numeric: true },
            ]}
          >
            {report.giftSizes.map((size) => (
              <tr key={size.currency} className={row}>
                <th scope="row" className={`${cell} font-semibold`}>
                  {size.currency}
                </th>
                <td className={numericCell}>{size.gifts.toLocaleString("en-US")}</td>
                <td className={numericCell}>{formatMoney(size.average, size.currency, { showCents: true })}</td>
                <td className={numericCell}>{formatMoney(size.median, size.currency, { showCents: true })}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </AdminSection>

      <LapsedList kind="lybunt" year={year} donors={lybunt} total={report.lybunt} canExport={canExport} />
      <LapsedList kind="sybunt" year={year} donors={sybunt} total={report.sybunt} canExport={canExport} />
    </div>
  );
}
