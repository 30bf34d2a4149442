import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { listDevMailbox } from "@/lib/email/dev-mailbox";
import { linksInEmail } from "@/lib/email/email-links";
import { isDevMailboxVisible } from "@/lib/env";

export const metadata: Metadata = { title: "Dev mailbox", robots: { index: false } };

interface DevMailboxPageProps {
  searchParams: Promise<{ to?: string | string[] }>;
}

/**
 * Test mode's inbox: every email the app would have sent through Resend. It shows sign-in
 * links, so it exists only while email goes to the dev mailbox and never in production
 * unless DEV_MAILBOX=enabled (used by the end-to-end tests).
 */
export default async function DevMailboxPage({ searchParams }: DevMailboxPageProps) {
  await connection();
  if (!isDevMailboxVisible()) notFound();
  const { to } = await searchParams;
  const recipient = typeof to === "string" && to.trim() ? to.trim() : undefined;
  const messages = await listDevMailbox(await getDb(), { to: recipient, limit: 50 });

  return (
    <div className="mx-auto max-w-5xl space-y-6 px-4 py-10">
      <h1 className="font-serif text-3xl font-bold">Dev mailbox</h1>
      <p className="text-muted">Emails the app sent while no Resend key is configured, newest first.</p>
      <form method="get" className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col text-sm font-semibold">
          Recipient
          <input name="to" type="email" defaultValue={recipient} className="mt-1 rounded border border-stone-400 px-3 py-2 font-normal" />
        </label>
        <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-semibold text-white">
          Filter
        </button>
      </form>
      {messages.length === 0 ? (
        <p>No emails yet.</p>
      ) : (
        <ol className="space-y-6">
          {messages.map((message) => (
            <li key={message.id}>
              <article aria-label={message.subject} className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
                <h2 className="text-lg font-bold">{message.subject}</h2>
                <p className="text-sm text-muted">
                  {`To ${message.to} · `}
                  <time dateTime={message.receivedAt.toISOString()}>{message.receivedAt.toISOString()}</time>
                </p>
                {Object.keys(message.headers).length > 0 ? (
                  <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-xs">
                    {Object.entries(message.headers).map(([name, value]) => (
                      <div key={name} className="contents">
                        <dt className="font-semibold">{name}</dt>
                        <dd className="break-all">{value}</dd>
                      </div>
                    ))}
                  </dl>
                ) : null}
                <div className="grid gap-4 md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
                  <iframe
                    title={`Email: ${message.subject}`}
                    srcDoc={message.html}
                    sandbox=""
                    className="h-96 w-full rounded border border-stone-200 bg-white"
                  />
                  <EmailLinks id={message.id} html={message.html} />
                </div>
              </article>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** The email's links, clickable here: the frame beside is sandboxed, so its own links do nothing. */
function EmailLinks({ id, html }: { id: string; html: string }) {
  const links = linksInEmail(html);
  const headingId = `links-${id}`;
  return (
    <section aria-labelledby={headingId} className="space-y-2 text-sm">
      <h3 id={headingId} className="font-bold">
        Links in this email
      </h3>
      {links.length === 0 ? (
        <p className="text-muted">None.</p>
      ) : (
        <ul className="space-y-2">
          {links.map((link) => (
            <li key={`${link.href}\n${link.text}`}>
              <a href={link.href} className="font-semibold text-brand-700 underline">
                {link.text}
              </a>
              <span className="block break-all text-xs text-muted">{link.href}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
