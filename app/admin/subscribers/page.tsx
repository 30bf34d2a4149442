import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/require-admin";
import { getSubscriberCounts, type SubscriberCountsBySource } from "@/lib/reports/subscriber-counts";

export const metadata: Metadata = { title: "Subscribers" };

function CountCells({ counts }: { counts: SubscriberCountsBySource }) {
  return (
    <>
      <td className="px-3 py-2 text-right">{counts.confirmed.toLocaleString("en-US")}</td>
      <td className="px-3 py-2 text-right">{counts.pending.toLocaleString("en-US")}</td>
      <td className="px-3 py-2 text-right">{counts.unsubscribed.toLocaleString("en-US")}</td>
      <td className="px-3 py-2 text-right font-semibold">{counts.total.toLocaleString("en-US")}</td>
    </>
  );
}

export default async function SubscribersPage() {
  await requireAdmin("/admin/subscribers");
  const counts = await getSubscriberCounts(await getDb());

  return (
    <div className="space-y-8">
      <h1 className="font-serif text-3xl font-bold">Subscribers</h1>

      <section aria-labelledby="status-heading" className="space-y-3">
        <h2 id="status-heading" className="text-2xl font-bold">
          By status
        </h2>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          {(
            [
              ["Confirmed", counts.total.confirmed],
              ["Waiting for confirmation", counts.total.pending],
              ["Unsubscribed", counts.total.unsubscribed],
              ["All sign-ups", counts.total.total],
            ] as const
          ).map(([label, value]) => (
            <div key={label} className="rounded-lg border border-stone-200 bg-white p-4">
              <dt className="text-sm text-muted">{label}</dt>
              <dd className="text-2xl font-bold">{value.toLocaleString("en-US")}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="source-heading" className="space-y-3">
        <h2 id="source-heading" className="text-2xl font-bold">
          By source
        </h2>
        {counts.bySource.length === 0 ? (
          <p>No sign-ups yet.</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Subscribers by where they signed up and by status</caption>
              <thead className="bg-stone-100">
                <tr>
                  <th scope="col" className="px-3 py-2">Source</th>
                  <th scope="col" className="px-3 py-2 text-right">Confirmed</th>
                  <th scope="col" className="px-3 py-2 text-right">Waiting</th>
                  <th scope="col" className="px-3 py-2 text-right">Unsubscribed</th>
                  <th scope="col" className="px-3 py-2 text-right">All</th>
                </tr>
              </thead>
              <tbody>
                {counts.bySource.map((row) => (
                  <tr key={row.source} className="border-t border-stone-200">
                    <th scope="row" className="px-3 py-2 font-normal">
                      {row.source}
                    </th>
                    <CountCells counts={row} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="export-heading" className="space-y-3">
        <h2 id="export-heading" className="text-2xl font-bold">
          Export confirmed subscribers
        </h2>
        <form method="get" action="/admin/exports/subscribers" className="flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-4 text-sm">
          <div className="flex flex-col">
            <label htmlFor="export-from" className="font-semibold">
              Confirmed from
            </label>
            <input id="export-from" type="date" name="from" className="mt-1 rounded border border-stone-500 px-2 py-1.5 font-normal" />
          </div>
          <div className="flex flex-col">
            <label htmlFor="export-to" className="font-semibold">
              Confirmed to
            </label>
            <input id="export-to" type="date" name="to" className="mt-1 rounded border border-stone-500 px-2 py-1.5 font-normal" />
          </div>
          <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
            Download CSV
          </button>
        </form>
        <p className="text-sm text-muted">Leave both dates empty to export every confirmed subscriber. Dates are in UTC.</p>
      </section>
    </div>
  );
}
