import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/require-admin";
import { listFailedEmails } from "@/lib/email/outbox";
import { listUpdatesForAdmin } from "@/lib/updates/update-queries";
import { formatDateTime } from "../_components/format";
import { RetryEmailForm } from "./update-forms";

export const metadata: Metadata = { title: "Updates" };

interface UpdatesPageProps {
  searchParams: Promise<{ deleted?: string }>;
}

export default async function UpdatesPage({ searchParams }: UpdatesPageProps) {
  await requireAdmin("/admin/updates");
  const db = await getDb();
  const [rows, failed, { deleted }] = await Promise.all([listUpdatesForAdmin(db), listFailedEmails(db), searchParams]);

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="font-serif text-3xl font-bold">Updates</h1>
        <Link href="/admin/updates/new" className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          Write an update
        </Link>
      </div>
      {deleted ? (
        <p role="status" className="rounded border border-green-800 bg-green-50 p-3 font-semibold text-green-900">
          Draft deleted.
        </p>
      ) : null}

      {rows.length === 0 ? (
        <p>No updates yet. Updates are news for readers: shown on the campaign page and /updates, and emailed once to subscribers.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Updates with their delivery figures</caption>
            <thead className="bg-stone-100">
              <tr>
                <th scope="col" className="px-3 py-2">Title</th>
                <th scope="col" className="px-3 py-2">About</th>
                <th scope="col" className="px-3 py-2">Published</th>
                <th scope="col" className="px-3 py-2 text-right">Recipients</th>
                <th scope="col" className="px-3 py-2 text-right">Sent</th>
                <th scope="col" className="px-3 py-2 text-right">Failed</th>
                <th scope="col" className="px-3 py-2 text-right">Unsubscribed since</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-t border-stone-200">
                  <th scope="row" className="px-3 py-2 font-semibold">
                    <Link href={`/admin/updates/${row.id}`} className="text-brand-700 underline">
                      {row.title}
                    </Link>
                  </th>
                  <td className="px-3 py-2">{row.campaign?.title ?? "The whole organisation"}</td>
                  <td className="px-3 py-2">{row.publishedAt ? formatDateTime(row.publishedAt.toISOString()) : "Draft"}</td>
                  <td className="px-3 py-2 text-right">{row.status === "published" ? row.figures.recipients.toLocaleString("en-US") : "–"}</td>
                  <td className="px-3 py-2 text-right">{row.status === "published" ? row.figures.sent.toLocaleString("en-US") : "–"}</td>
                  <td className="px-3 py-2 text-right">{row.status === "published" ? row.figures.failed.toLocaleString("en-US") : "–"}</td>
                  <td className="px-3 py-2 text-right">{row.status === "published" ? row.figures.unsubscribedSince.toLocaleString("en-US") : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section aria-labelledby="failed-heading" className="space-y-3">
        <h2 id="failed-heading" className="text-2xl font-bold">
          Emails that could not be sent
        </h2>
        <p className="text-sm text-muted">
          Every email (receipts, sign-in links, confirmations, updates) is retried with growing pauses; these ran out of attempts. The error is the
          provider’s answer.
        </p>
        {failed.length === 0 ? (
          <p>None.</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Failed emails</caption>
              <thead className="bg-stone-100">
                <tr>
                  <th scope="col" className="px-3 py-2">To</th>
                  <th scope="col" className="px-3 py-2">Email</th>
                  <th scope="col" className="px-3 py-2">Queued</th>
                  <th scope="col" className="px-3 py-2 text-right">Attempts</th>
                  <th scope="col" className="px-3 py-2">Last error</th>
                  <th scope="col" className="px-3 py-2">
                    <span className="sr-only">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {failed.map((email) => (
                  <tr key={email.id} className="border-t border-stone-200 align-top">
                    <td className="px-3 py-2">{email.toAddress}</td>
                    <td className="px-3 py-2">{email.template}</td>
                    <td className="px-3 py-2">{formatDateTime(email.createdAt.toISOString())}</td>
                    <td className="px-3 py-2 text-right">{email.attempts}</td>
                    <td className="px-3 py-2">{email.lastError}</td>
                    <td className="px-3 py-2">
                      <RetryEmailForm id={email.id} to={email.toAddress} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
