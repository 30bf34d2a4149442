import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { loadThankYou } from "@/lib/payments/thank-you";
import { orUnavailable } from "@/lib/http/database-unavailable";
import { stripe } from "@/lib/payments/stripe-client";
import { RefreshSoon } from "../../_components/refresh-soon";

export const metadata: Metadata = { title: "Thank you", robots: { index: false, follow: false } };

interface ThankYouPageProps {
  searchParams: Promise<{ session_id?: string | string[] }>;
}

/**
 * Where Stripe Checkout returns the donor. It only reads: the gift is recorded by the webhook,
 * and until that has landed the page says the gift is being confirmed and refreshes itself.
 */
export default async function ThankYouPage({ searchParams }: ThankYouPageProps) {
  await connection();
  const { session_id: sessionId } = await searchParams;
  const here = `/donate/thank-you?${new URLSearchParams(typeof sessionId === "string" ? { session_id: sessionId } : {})}`;
  const gift = typeof sessionId === "string" ? await orUnavailable(here, async () => loadThankYou(await getDb(), stripe(), sessionId)) : null;
  if (!gift) notFound();

  const monthly = gift.frequency === "monthly";
  const what = monthly ? `monthly gift of ${gift.amount}` : `gift of ${gift.amount}`;
  return (
    <div className="mx-auto max-w-2xl space-y-6 px-4 py-12">
      {gift.status === "incomplete" ? (
        <>
          <h1 className="font-serif text-3xl font-bold">Your gift was not completed</h1>
          <p>{`The checkout for your ${what} was not finished, so nothing was charged.`}</p>
        </>
      ) : (
        <>
          <h1 className="font-serif text-3xl font-bold">{gift.donorName ? `Thank you, ${gift.donorName}!` : "Thank you!"}</h1>
          {gift.status === "confirmed" ? (
            <p className="text-lg" data-testid="gift-status">
              {monthly
                ? `Your ${what} to ${gift.campaign.title} has started. We will charge it each month until you change or cancel it.`
                : `Your ${what} to ${gift.campaign.title} has been received.`}
            </p>
          ) : (
            <div role="status" className="space-y-2 rounded-md bg-amber-50 p-4">
              <p className="text-lg" data-testid="gift-status">{`We are confirming your ${what} to ${gift.campaign.title}. This usually takes a few seconds.`}</p>
              <p className="text-sm">
                This page updates by itself; you can also{" "}
                <a href={`/donate/thank-you?session_id=${encodeURIComponent(String(sessionId))}`} className="underline">
                  refresh it
                </a>
                .
              </p>
              <RefreshSoon seconds={2} />
            </div>
          )}
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-lg border border-stone-200 bg-white p-4">
            <dt className="font-semibold">Amount</dt>
            <dd>{gift.amount}</dd>
            <dt className="font-semibold">Frequency</dt>
            <dd>{monthly ? "Monthly" : "One-off"}</dd>
            <dt className="font-semibold">Campaign</dt>
            <dd>{gift.campaign.title}</dd>
            {gift.dedication ? (
              <>
                <dt className="font-semibold">Dedication</dt>
                <dd>{gift.dedication}</dd>
              </>
            ) : null}
          </dl>
          {gift.email ? <p>{`A receipt ${gift.status === "confirmed" ? "is on its way" : "will be sent"} to ${gift.email}.`}</p> : null}
          {monthly ? <p>The receipt has a link to update your card, change the amount or cancel at any time.</p> : null}
        </>
      )}
      <p>
        <Link href={gift.campaign.href} className="font-semibold text-brand-700 underline">
          {gift.campaign.href === "/donate" ? "Back to giving" : "Back to the campaign"}
        </Link>
      </p>
    </div>
  );
}
