import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { roleCan } from "@/lib/auth/admin-roles";
import { requireAdmin } from "@/lib/auth/require-admin";
import { getSubscriberCounts, type SubscriberCountsBySource } from "@/lib/reports/subscriber-counts";
import { CountTiles } from "../_components/count-tiles";
import { AdminSection } from "../_components/admin-section";
import { cell, DataTable, numericCell, row } from "../_components/data-table";
import { DateRangeFields, FilterForm } from "../_components/filter-form";

const SOURCE_COLUMNS = [
  { label: "Source" },
  { label: "Confirmed", numeric: true },
  { label: "Waiting", numeric: true },
  { label: "Unsubscribed", numeric: true },
  { label: "All", numeric: true },
];

export const metadata: Metadata = { title: "Subscribers" };

function CountCells({ counts }: { counts: SubscriberCountsBySource }) {
  return (
    <>
      <td className={numericCell}>{counts.confirmed.toLocaleString("en-US")}</td>
      <td className={numericCell}>{counts.pending.toLocaleString("en-US")}</td>
      <td className={numericCell}>{counts.unsubscribed.toLocaleString("en-US")}</td>
      <td className={`${numericCell} font-semibold`}>{counts.total.toLocaleString("en-US")}</td>
    </>
  );
}

export default async function SubscribersPage() {
  const me = await requireAdmin("/admin/subscribers");
  const counts = await getSubscriberCounts(await getDb());

  return (
    <div className="space-y-8">
      <h1 className="font-serif text-3xl font-bold">Subscribers</h1>

      <AdminSection id="status" title="By status">
        <CountTiles
          className="grid grid-cols-2 gap-4 sm:grid-cols-4"
          counts={[
            ["Confirmed", counts.total.confirmed],
            ["Waiting for confirmation", counts.total.pending],
            ["Unsubscribed", counts.total.unsubscribed],
            ["All sign-ups", counts.total.total],
          ]}
        />
      </AdminSection>

      <AdminSection id="source" title="By source">
        {counts.bySource.length === 0 ? (
          <p>No sign-ups yet.</p>
        ) : (
          <DataTable caption="Subscribers by where they signed up and by status" columns={SOURCE_COLUMNS}>
            {counts.bySource.map((source) => (
              <tr key={source.source} className={row}>
                <th scope="row" className={`${cell} font-normal`}>
                  {source.source}
                </th>
                <CountCells counts={source} />
              </tr>
            ))}
          </DataTable>
        )}
      </AdminSection>

      {roleCan(me.role, "export") ? (
        <AdminSection id="export" title="Export confirmed subscribers">
          <FilterForm action="/admin/exports/subscribers" submitLabel="Download CSV">
            <DateRangeFields idPrefix="export" fromLabel="Confirmed from" toLabel="Confirmed to" />
          </FilterForm>
          <p className="text-sm text-muted">Leave both dates empty to export every confirmed subscriber. Dates are in UTC.</p>
        </AdminSection>
      ) : null}
    </div>
  );
}
