import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/require-admin";
import { matchStatement, ratioText } from "@/lib/campaigns/campaign-matches";
import { formatMoney } from "@/lib/money/money";
import { organisation } from "@/lib/organisation/organisation";
import { receiptNumberOf } from "@/lib/receipts/receipt-number";
import { PrintButton } from "@/app/_components/print-button";
import { DataTable, cell, numericCell } from "../../_components/data-table";
import { formatDateTime } from "../../_components/format";

export const metadata: Metadata = { title: "Sponsor's statement" };

/**
 * What a sponsor owes for their match: every gift it covered and how much, net of refunds and
 * lost disputes. Printable for the sponsor, and downloadable as CSV. Admins only.
 */
export default async function MatchStatementPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAdmin("/admin/matches/[id]", `/admin/matches/${encodeURIComponent(id)}`);
  if (!z.uuid().safeParse(id).success) notFound();
  await connection();
  const statement = await matchStatement(await getDb(), id);
  if (!statement) notFound();
  const money = (amount: number) => formatMoney(amount, statement.currency, { showCents: true });
  const org = organisation();

  return (
    <article className="max-w-4xl space-y-6" aria-labelledby="statement-heading">
      <p className="print:hidden">
        <Link href={`/admin/campaigns/${statement.campaignId}/matching`} className="font-semibold text-brand-700 underline">
          Back to the campaign&rsquo;s matches
        </Link>
      </p>
      <h1 id="statement-heading" className="font-serif text-3xl font-bold">
        {`Matching statement: ${statement.sponsorName}`}
      </h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-8 gap-y-2">
        <dt className="font-semibold">From</dt>
        <dd>{org.legalName}</dd>
        <dt className="font-semibold">Campaign</dt>
        <dd>{statement.campaignTitle}</dd>
        <dt className="font-semibold">Match</dt>
        <dd>{`${ratioText(statement.ratio)} up to ${money(statement.capAmount)}, ${formatDateTime(statement.startsAt.toISOString())} to ${formatDateTime(statement.endsAt.toISOString())}`}</dd>
        <dt className="font-semibold">Gifts matched</dt>
        <dd>{statement.gifts.length}</dd>
        <dt className="font-semibold">Amount owed</dt>
        <dd className="text-lg font-bold" data-testid="owed">
          {money(statement.owedAmount)}
        </dd>
      </dl>
      <DataTable
        caption={`Gifts matched by ${statement.sponsorName}`}
        columns={[
          { label: "Paid" },
          { label: "Receipt" },
          { label: "Donor" },
          { label: "Gift", numeric: true },
          { label: "Refunded", numeric: true },
          { label: "Matched", numeric: true },
        ]}
      >
        {statement.gifts.map((gift) => (
          <tr key={gift.id} className="border-t border-stone-200">
            <td className={cell}>{formatDateTime(gift.paidAt.toISOString())}</td>
            <td className={cell}>{receiptNumberOf(gift) ?? "Not numbered"}</td>
            <td className={cell}>{gift.anonymous ? "Anonymous" : (gift.donorName ?? "A donor")}</td>
            <td className={numericCell}>{money(gift.amount - gift.feeCoveredAmount)}</td>
            <td className={numericCell}>{gift.refundedAmount > 0 ? money(gift.refundedAmount) : ""}</td>
            <td className={numericCell}>{money(gift.matchedAmount)}</td>
          </tr>
        ))}
      </DataTable>
      <p className="flex flex-wrap gap-4 print:hidden">
        <PrintButton label="Print or save this statement" />
        <a href={`/admin/exports/matches/${statement.id}`} className="font-semibold text-brand-700 underline">
          Download this statement as CSV
        </a>
      </p>
    </article>
  );
}
