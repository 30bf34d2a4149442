import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { roleMayCall, roleMayOpen } from "@/lib/auth/admin-permissions";
import { requireAdmin } from "@/lib/auth/require-admin";
import { DONOR_NOTE_MAX_LENGTH } from "@/lib/donors/donor-notes";
import { GIFT_METHOD_LABELS } from "@/lib/donations/gift-methods";
import { formatMoney } from "@/lib/money/money";
import { DONOR_PAGE_GIFTS, findDonorRecord, type DonorRecordEmail } from "@/lib/reports/donor-record";
import { cell, DataTable, numericCell, row } from "../../_components/data-table";
import { formatDateTime, formatDay } from "../../_components/format";
import { DonorNoteForm } from "./note-form";

export const metadata: Metadata = { title: "Donor" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GIFT_COLUMNS = [
  { label: "Date" },
  { label: "Amount", numeric: true },
  { label: "Status" },
  { label: "Campaign" },
  { label: "Kind" },
  { label: "Paid by" },
  { label: "Receipt" },
];
const RECURRING_COLUMNS = [{ label: "Amount", numeric: true }, { label: "Every" }, { label: "Campaign" }, { label: "Started" }, { label: "Status" }];
const EMAIL_COLUMNS = [{ label: "Queued" }, { label: "Subject" }, { label: "Status" }];
const SUBSCRIPTION_LABEL = { pending: "Signed up, not confirmed yet", confirmed: "Subscribed", unsubscribed: "Unsubscribed" } as const;
const EMAIL_STATUS_LABEL: Record<string, string> = { pending: "Waiting to send", sending: "Sending", sent: "Sent", failed: "Failed", skipped: "Not sent" };

function EmailTable({ caption, emails, empty }: { caption: string; emails: DonorRecordEmail[]; empty: string }) {
  if (emails.length === 0) return <p>{empty}</p>;
  return (
    <DataTable caption={caption} columns={EMAIL_COLUMNS}>
      {emails.map((email, index) => (
        <tr key={`${email.createdAt.toISOString()}-${index}`} className={row}>
          <td className={`${cell} whitespace-nowrap`}>{formatDateTime(email.createdAt.toISOString())}</td>
          <td className={cell}>{email.subject ?? "—"}</td>
          <td
            className={cell}
          >{`${EMAIL_STATUS_LABEL[email.status] ?? email.status}${email.sentAt ? ` ${formatDateTime(email.sentAt.toISOString())}` : ""}`}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export default async function DonorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const me = await requireAdmin("/admin/donors/[id]", `/admin/donors/${encodeURIComponent(id)}`);
  if (!UUID.test(id)) notFound();
  const donor = await findDonorRecord(await getDb(), id);
  if (!donor) notFound();
  const label = donor.erasedAt ? "Erased donor" : donor.name?.trim() || donor.email || "Donor without an address";
  const details: [string, string][] = [
    donor.erasedAt
      ? ["Personal data", `Erased ${formatDay(donor.erasedAt.toISOString())}; the gifts keep their amounts, dates and receipt numbers`]
      : ["Email", donor.email ?? "None given (a gift received offline without an address)"],
    ["Donor since", formatDay(donor.createdAt.toISOString())],
    ["Gifts that count", String(donor.keptGifts)],
    ["First gift", donor.firstGiftAt ? formatDay(donor.firstGiftAt.toISOString()) : "—"],
    ["Last gift", donor.lastGiftAt ? formatDay(donor.lastGiftAt.toISOString()) : "—"],
    ["Updates by email", donor.subscription ? SUBSCRIPTION_LABEL[donor.subscription.status] : "Not on the list"],
  ];

  return (
    <div className="max-w-4xl space-y-10">
      <p>
        <Link href="/admin/donors" className="font-semibold text-brand-700 underline">
          ← All donors
        </Link>
      </p>
      <h1 className="font-serif text-3xl font-bold break-words">{label}</h1>

      <section aria-labelledby="donor-summary" className="space-y-3">
        <h2 id="donor-summary" className="text-xl font-bold">
          Summary
        </h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-[max-content_1fr]">
          {details.map(([term, description]) => (
            <div key={term} className="contents">
              <dt className="font-semibold">{term}</dt>
              <dd className="mb-2 break-words sm:mb-0">{description}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="donor-giving" className="space-y-3">
        <h2 id="donor-giving" className="text-xl font-bold">
          Lifetime giving
        </h2>
        <p className="text-sm">What their gifts kept after refunds and lost disputes, in each currency they gave in (currencies are never added together).</p>
        {donor.giving.length === 0 ? (
          <p>Nothing kept yet.</p>
        ) : (
          <ul className="list-disc pl-5 text-lg font-semibold">
            {donor.giving.map((entry) => (
              <li key={entry.currency}>{formatMoney(entry.amount, entry.currency, { showCents: true })}</li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="donor-gifts" className="space-y-3">
        <h2 id="donor-gifts" className="text-xl font-bold">
          Gifts
        </h2>
        {donor.gifts.length === 0 ? (
          <p>No gifts yet.</p>
        ) : (
          <DataTable caption="This donor's gifts, newest first" columns={GIFT_COLUMNS}>
            {donor.gifts.map((gift) => (
              <tr key={gift.id} className={`${row} align-top`}>
                <td className={`${cell} whitespace-nowrap`}>
                  <Link href={`/admin/gifts/${gift.id}`} className="font-semibold text-brand-700 underline">
                    {formatDateTime(gift.paidAt.toISOString())}
                    <span className="sr-only">{`, ${formatMoney(gift.amount, gift.currency, { showCents: true })}`}</span>
                  </Link>
                </td>
                <td className={`${numericCell} whitespace-nowrap`}>{formatMoney(gift.amount, gift.currency, { showCents: true })}</td>
                <td className={cell}>
                  <ul>
                    {gift.status.map((status) => (
                      <li key={status.text} className={status.tone === "warning" ? "text-red-800" : undefined}>
                        {status.text}
                      </li>
                    ))}
                  </ul>
                </td>
                <td className={cell}>{gift.campaignTitle}</td>
                <td className={cell}>{gift.kind === "recurring" ? "Recurring" : "Once"}</td>
                <td className={cell}>{GIFT_METHOD_LABELS[gift.method]}</td>
                <td className={`${cell} whitespace-nowrap`}>{gift.receiptNumber ?? "—"}</td>
              </tr>
            ))}
          </DataTable>
        )}
        {donor.giftCount > DONOR_PAGE_GIFTS && donor.email ? (
          <p className="text-sm">
            {`The newest ${DONOR_PAGE_GIFTS} of ${donor.giftCount} gifts. `}
            <Link href={`/admin/gifts?${new URLSearchParams({ q: donor.email })}`} className="font-semibold text-brand-700 underline">
              All of this donor&apos;s gifts
            </Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="donor-recurring" className="space-y-3">
        <h2 id="donor-recurring" className="text-xl font-bold">
          Monthly and yearly gifts
        </h2>
        {donor.recurringGifts.length === 0 ? (
          <p>None.</p>
        ) : (
          <DataTable caption="This donor's monthly and yearly gifts, newest first" columns={RECURRING_COLUMNS}>
            {donor.recurringGifts.map((gift) => (
              <tr key={gift.id} className={row}>
                <td className={`${numericCell} whitespace-nowrap`}>{formatMoney(gift.amount, gift.currency, { showCents: true })}</td>
                <td className={cell}>{gift.interval === "year" ? "Year" : "Month"}</td>
                <td className={cell}>{gift.campaignTitle}</td>
                <td className={`${cell} whitespace-nowrap`}>{formatDay(gift.startedAt.toISOString())}</td>
                <td className={gift.active ? cell : `${cell} text-red-800`}>{gift.statusLabel}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      <section aria-labelledby="donor-receipts" className="space-y-3">
        <h2 id="donor-receipts" className="text-xl font-bold">
          Receipts emailed
        </h2>
        <EmailTable caption="Receipt emails to this donor, newest first" emails={donor.receiptEmails} empty="No receipt emails to this address." />
      </section>

      <section aria-labelledby="donor-statements" className="space-y-3">
        <h2 id="donor-statements" className="text-xl font-bold">
          Giving statements sent
        </h2>
        <EmailTable caption="Giving statements to this donor, newest first" emails={donor.statements} empty="No giving statements sent to this address." />
      </section>

      <section aria-labelledby="donor-notes" className="space-y-3">
        <h2 id="donor-notes" className="text-xl font-bold">
          Notes
        </h2>
        {donor.notes.length === 0 ? (
          <p>No notes yet.</p>
        ) : (
          <ul className="space-y-3">
            {donor.notes.map((note) => (
              <li key={note.id} className="rounded-lg border border-stone-200 bg-white p-4">
                <p className="whitespace-pre-line break-words">{note.body}</p>
                <p className="mt-2 text-sm text-muted">{`${note.authorEmail}, ${formatDateTime(note.createdAt.toISOString())}`}</p>
              </li>
            ))}
          </ul>
        )}
        {roleMayCall(me.role, "addDonorNoteAction") ? <DonorNoteForm donorId={donor.id} entryKey={randomUUID()} maxLength={DONOR_NOTE_MAX_LENGTH} /> : null}
      </section>

      {roleMayOpen(me.role, "/admin/donors/[id]/erase") && !donor.erasedAt ? (
        <section aria-labelledby="donor-erase" className="space-y-3">
          <h2 id="donor-erase" className="text-xl font-bold">
            Personal data
          </h2>
          <p>
            <Link href={`/admin/donors/${donor.id}/erase`} className="font-semibold text-red-800 underline">
              Erase this donor&rsquo;s personal data
            </Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}
