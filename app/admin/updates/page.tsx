import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { roleCan } from "@/lib/auth/admin-roles";
import { requireAdmin } from "@/lib/auth/require-admin";
import { listFailedEmails } from "@/lib/email/outbox";
import { listUpdatesForAdmin } from "@/lib/updates/update-queries";
import { cell, DataTable, numericCell, row } from "../_components/data-table";
import { formatDateTime } from "../_components/format";
import { RetryEmailForm } from "./update-forms";

export const metadata: Metadata = { title: "Updates" };

const UPDATE_COLUMNS = [
  { label: "Title" },
  { label: "About" },
  { label: "Published" },
  { label: "Recipients", numeric: true },
  { label: "Sent", numeric: true },
  { label: "Failed", numeric: true },
  { label: "Unsubscribed since", numeric: true },
];
const FAILED_EMAIL_COLUMNS = [
  { label: "To" },
  { label: "Email" },
  { label: "Queued" },
  { label: "Attempts", numeric: true },
  { label: "Last error" },
  { label: "Action", visuallyHidden: true },
];

interface UpdatesPageProps {
  searchParams: Promise<{ deleted?: string }>;
}

export default async function UpdatesPage({ searchParams }: UpdatesPageProps) {
  const me = await requireAdmin("/admin/updates");
  const edits = roleCan(me.role, "content");
  const db = await getDb();
  const [rows, failed, { deleted }] = await Promise.all([listUpdatesForAdmin(db), listFailedEmails(db), searchParams]);

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="font-serif text-3xl font-bold">Updates</h1>
        {edits ? (
          <Link href="/admin/updates/new" className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
            Write an update
          </Link>
        ) : null}
      </div>
      {deleted ? (
        <p role="status" className="rounded border border-green-800 bg-green-50 p-3 font-semibold text-green-900">
          Draft deleted.
        </p>
      ) : null}

      {rows.length === 0 ? (
        <p>No updates yet. Updates are news for readers: shown on the campaign page and /updates, and emailed once to subscribers.</p>
      ) : (
        <DataTable caption="Updates with their delivery figures" columns={UPDATE_COLUMNS}>
          {rows.map((update) => {
            const figure = (value: number) => (update.status === "published" ? value.toLocaleString("en-US") : "–");
            return (
              <tr key={update.id} className={row}>
                <th scope="row" className={`${cell} font-semibold`}>
                  {edits ? (
                    <Link href={`/admin/updates/${update.id}`} className="text-brand-700 underline">
                      {update.title}
                    </Link>
                  ) : (
                    update.title
                  )}
                </th>
                <td className={cell}>{update.campaign?.title ?? "The whole organisation"}</td>
                <td className={cell}>{update.publishedAt ? formatDateTime(update.publishedAt.toISOString()) : "Draft"}</td>
                <td className={numericCell}>{figure(update.figures.recipients)}</td>
                <td className={numericCell}>{figure(update.figures.sent)}</td>
                <td className={numericCell}>{figure(update.figures.failed)}</td>
                <td className={numericCell}>{figure(update.figures.unsubscribedSince)}</td>
              </tr>
            );
          })}
        </DataTable>
      )}

      <section aria-labelledby="failed-heading" className="space-y-3">
        <h2 id="failed-heading" className="text-2xl font-bold">
          Emails that could not be sent
        </h2>
        <p className="text-sm text-muted">
          Every email (receipts, sign-in links, confirmations, updates) is retried with growing pauses; these ran out of attempts. The error is the provider’s
          answer.
        </p>
        {failed.length === 0 ? (
          <p>None.</p>
        ) : (
          <DataTable caption="Failed emails" columns={FAILED_EMAIL_COLUMNS}>
            {failed.map((email) => (
              <tr key={email.id} className={`${row} align-top`}>
                <td className={cell}>{email.toAddress}</td>
                <td className={cell}>{email.template}</td>
                <td className={cell}>{formatDateTime(email.createdAt.toISOString())}</td>
                <td className={numericCell}>{email.attempts}</td>
                <td className={cell}>{email.lastError}</td>
                <td className={cell}>{edits ? <RetryEmailForm id={email.id} to={email.toAddress} /> : null}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}
