import type { Metadata } from "next";
import Link from "next/link";
import { roleCan } from "@/lib/auth/admin-roles";
import { requireAdmin } from "@/lib/auth/require-admin";
import { formatMoney } from "@/lib/money/money";
import { getCachedDashboardTotals } from "@/lib/reports/cached-dashboard-totals";
import { NewCampaignLink } from "../_components/campaign-links";
import { cell, DataTable, numericCell, row } from "../_components/data-table";
import { campaignStatusLabel } from "../_components/format";

export const metadata: Metadata = { title: "Campaigns" };

const CAMPAIGN_COLUMNS = [
  { label: "Campaign" },
  { label: "Status" },
  { label: "Raised", numeric: true },
  { label: "Goal", numeric: true },
  { label: "Public page" },
];

export default async function CampaignsPage() {
  const me = await requireAdmin("/admin/campaigns");
  const edits = roleCan(me.role, "content");
  const {
    totals: { campaigns },
  } = await getCachedDashboardTotals();

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="font-serif text-3xl font-bold">Campaigns</h1>
        {edits ? <NewCampaignLink /> : null}
      </div>
      <DataTable caption="All campaigns" columns={CAMPAIGN_COLUMNS}>
        {campaigns.map(({ campaign, totals }) => (
          <tr key={campaign.id} className={row}>
            <th scope="row" className={`${cell} font-semibold`}>
              {edits ? (
                <Link href={`/admin/campaigns/${campaign.id}`} className="text-brand-700 underline">
                  {campaign.title}
                </Link>
              ) : (
                campaign.title
              )}
              {campaign.featured ? <span className="ml-2 rounded bg-brand-100 px-2 py-0.5 text-xs text-brand-800">Featured</span> : null}
            </th>
            <td className={cell}>{campaignStatusLabel(campaign)}</td>
            <td className={numericCell}>{formatMoney(totals[0]?.raisedAmount ?? 0, campaign.currency)}</td>
            <td className={numericCell}>{campaign.goalAmount ? formatMoney(campaign.goalAmount, campaign.currency) : "—"}</td>
            <td className={cell}>
              {campaign.kind === "campaign" && campaign.status !== "draft" ? (
                <Link prefetch={false} href={`/campaigns/${campaign.slug}`} className="text-brand-700 underline">
                  {`/campaigns/${campaign.slug}`}
                </Link>
              ) : (
                <span className="text-muted">{campaign.kind === "general_fund" ? "Give page" : "Not public (draft)"}</span>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
