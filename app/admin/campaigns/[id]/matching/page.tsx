import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/require-admin";
import { getCampaignForEdit } from "@/lib/campaigns/admin-campaigns";
import { listCampaignMatches, matchStatus, ratioText } from "@/lib/campaigns/campaign-matches";
import { formatMoney } from "@/lib/money/money";
import { DataTable, cell, numericCell } from "../../../_components/data-table";
import { formatDateTime } from "../../../_components/format";
import { AddMatchForm, EndMatchButton } from "./match-forms";

export const metadata: Metadata = { title: "Matching offers" };

interface MatchingPageProps {
  params: Promise<{ id: string }>;
}

/** A campaign's matching offers: add one, see how much of each cap is used, end one, open a sponsor's statement. Admins only. */
export default async function MatchingPage({ params }: MatchingPageProps) {
  const { id } = await params;
  await requireAdmin("/admin/campaigns/[id]/matching", `/admin/campaigns/${encodeURIComponent(id)}/matching`);
  if (!z.uuid().safeParse(id).success) notFound();
  await connection();
  const db = await getDb();
  const campaign = await getCampaignForEdit(db, id);
  if (!campaign) notFound();
  const matches = await listCampaignMatches(db, campaign.id);
  const now = new Date();
  const title = campaign.values.title;

  return (
    <div className="max-w-4xl space-y-8">
      <div className="space-y-2">
        <p>
          <Link href={`/admin/campaigns/${campaign.id}`} className="font-semibold text-brand-700 underline">
            {`Back to editing ${title}`}
          </Link>
        </p>
        <h1 className="font-serif text-3xl font-bold">{`Matching offers: ${title}`}</h1>
        <p>
          While a match runs and has room, the campaign&rsquo;s giving panel says so, and each gift in {campaign.values.currency} draws on it (1:1 adds as much
          as the gift, 2:1 twice as much, until the cap). Refunds and lost disputes give the match back.
        </p>
      </div>
      <section aria-labelledby="matches-heading" className="space-y-3">
        <h2 id="matches-heading" className="text-xl font-bold">
          Matches
        </h2>
        {matches.length === 0 ? (
          <p>No matches yet.</p>
        ) : (
          <DataTable
            caption="Matches on this campaign"
            columns={[
              { label: "Sponsor" },
              { label: "Ratio" },
              { label: "Matched", numeric: true },
              { label: "Cap", numeric: true },
              { label: "Runs" },
              { label: "Status" },
              { label: "Actions", visuallyHidden: true },
            ]}
          >
            {matches.map((match) => {
              const status = matchStatus(match, now);
              return (
                <tr key={match.id} className="border-t border-stone-200">
                  <td className={cell}>{match.sponsorName}</td>
                  <td className={cell}>{ratioText(match.ratio)}</td>
                  <td className={numericCell}>{formatMoney(match.usedAmount, match.currency)}</td>
                  <td className={numericCell}>{formatMoney(match.capAmount, match.currency)}</td>
                  <td className={cell}>{`${formatDateTime(match.startsAt.toISOString())} to ${formatDateTime(match.endsAt.toISOString())}`}</td>
                  <td className={cell}>{status}</td>
                  <td className={`${cell} space-x-3`}>
                    <Link href={`/admin/matches/${match.id}`} className="font-semibold text-brand-700 underline">
                      {`Statement for ${match.sponsorName}`}
                    </Link>
                    {status === "Running" || status === "Not started" ? <EndMatchButton matchId={match.id} sponsorName={match.sponsorName} /> : null}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </section>
      <section aria-labelledby="add-match-heading" className="space-y-3">
        <h2 id="add-match-heading" className="text-xl font-bold">
          Add a match
        </h2>
        <AddMatchForm campaignId={campaign.id} currency={campaign.values.currency} />
      </section>
    </div>
  );
}
