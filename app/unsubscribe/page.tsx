import type { Metadata } from "next";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { linkSigningSecret } from "@/lib/env";
import { orUnavailable } from "@/lib/http/database-unavailable";
import { findUnsubscribeTarget } from "@/lib/subscribers/unsubscribe";
import { UnsubscribeForm } from "./unsubscribe-form";
import { UnsubscribeLinkForm } from "./unsubscribe-link-form";

export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false, follow: false } };

interface UnsubscribePageProps {
  searchParams: Promise<{ token?: string | string[] }>;
}

/**
 * Where the unsubscribe link in every update email leads. Opening it changes nothing (mail
 * scanners open links); the one "Unsubscribe" button does. Mail clients use the one-click POST
 * endpoint next door instead (RFC 8058).
 */
export default async function UnsubscribePage({ searchParams }: UnsubscribePageProps) {
  await connection();
  const { token } = await searchParams;
  const linkToken = typeof token === "string" ? token : "";
  const here = `/unsubscribe?${new URLSearchParams({ token: linkToken })}`;
  const target = await orUnavailable(here, async () => findUnsubscribeTarget(await getDb(), linkToken, linkSigningSecret()));

  return (
    <div className="mx-auto max-w-2xl space-y-5 px-4 py-16">
      {!target ? (
        <>
          {linkToken ? (
            <>
              <h1 className="font-serif text-3xl font-bold">This unsubscribe link is not valid</h1>
              <p className="text-lg">Make sure you copied the whole link from the email, or ask for a new link below.</p>
            </>
          ) : (
            <>
              <h1 className="font-serif text-3xl font-bold">Unsubscribe from email updates</h1>
              <p className="text-lg">Every update we send has an unsubscribe link at the bottom. No email at hand? We will send you one.</p>
            </>
          )}
          <section aria-labelledby="unsubscribe-link-heading" className="space-y-3">
            <h2 id="unsubscribe-link-heading" className="font-serif text-2xl font-bold">
              Email me an unsubscribe link
            </h2>
            <p>Enter the address that gets our updates. If it is on our list, we will email it a link to unsubscribe.</p>
            <UnsubscribeLinkForm />
          </section>
        </>
      ) : target.alreadyUnsubscribed ? (
        <>
          <h1 className="font-serif text-3xl font-bold">{"You're unsubscribed"}</h1>
          <p className="text-lg">{`${target.maskedEmail} no longer receives our email updates.`}</p>
        </>
      ) : (
        <>
          <h1 className="font-serif text-3xl font-bold">Unsubscribe from email updates</h1>
          <p className="text-lg">{`Stop sending our updates to ${target.maskedEmail}?`}</p>
          <UnsubscribeForm token={linkToken} />
        </>
      )}
    </div>
  );
}
