import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/auth/require-admin";
import { formatMoney } from "@/lib/money/money";
import { getCachedDashboardTotals } from "@/lib/reports/cached-dashboard-totals";

export const metadata: Metadata = { title: "Campaigns" };

const STATUS_LABEL = { draft: "Draft", active: "Active", closed: "Closed" } as const;

export default async function CampaignsPage() {
  await requireAdmin("/admin/campaigns");
  const {
    totals: { campaigns },
  } = await getCachedDashboardTotals();

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="font-serif text-3xl font-bold">Campaigns</h1>
        <Link href="/admin/campaigns/new" className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          New campaign
        </Link>
      </div>
      <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">All campaigns</caption>
          <thead className="bg-stone-100">
            <tr>
              <th scope="col" className="px-3 py-2">Campaign</th>
              <th scope="col" className="px-3 py-2">Status</th>
              <th scope="col" className="px-3 py-2 text-right">Raised</th>
              <th scope="col" className="px-3 py-2 text-right">Goal</th>
              <th scope="col" className="px-3 py-2">Public page</th>
            </tr>
          </thead>
          <tbody>
            {campaigns.map(({ campaign, totals }) => (
              <tr key={campaign.id} className="border-t border-stone-200">
                <th scope="row" className="px-3 py-2 font-semibold">
                  <Link href={`/admin/campaigns/${campaign.id}`} className="text-brand-700 underline">
                    {campaign.title}
                  </Link>
                  {campaign.featured ? <span className="ml-2 rounded bg-brand-100 px-2 py-0.5 text-xs text-brand-800">Featured</span> : null}
                </th>
                <td className="px-3 py-2">{campaign.kind === "general_fund" ? "General fund" : STATUS_LABEL[campaign.status]}</td>
                <td className="px-3 py-2 text-right">{formatMoney(totals[0]?.raisedAmount ?? 0, campaign.currency)}</td>
                <td className="px-3 py-2 text-right">{campaign.goalAmount ? formatMoney(campaign.goalAmount, campaign.currency) : "—"}</td>
                <td className="px-3 py-2">
                  {campaign.kind === "campaign" && campaign.status !== "draft" ? (
                    <Link href={`/campaigns/${campaign.slug}`} className="text-brand-700 underline">
                      {`/campaigns/${campaign.slug}`}
                    </Link>
                  ) : (
                    <span className="text-muted">{campaign.kind === "general_fund" ? "Give page" : "Not public (draft)"}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
