import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { formatMoney, minorToDecimalString } from "@/lib/money/money";
import { loadThankYou } from "@/lib/payments/thank-you";
import { orUnavailable } from "@/lib/http/database-unavailable";
import { stripe } from "@/lib/payments/stripe-client";
import { ProgressFigures } from "../../_components/progress-figures";
import { RefreshSoon } from "../../_components/refresh-soon";
import { SubscribeForm } from "../../_components/subscribe-form";
import { startMonthlyAction } from "./actions";
import { ShareLinks } from "./share-links";

export const metadata: Metadata = { title: "Thank you", robots: { index: false, follow: false } };

interface ThankYouPageProps {
  searchParams: Promise<{ session_id?: string | string[]; monthly?: string | string[] }>;
}

/**
 * Where Stripe Checkout returns the donor. It only reads: the gift is recorded by the webhook,
 * and until that has landed the page says the gift is being confirmed and refreshes itself.
 * Then it offers what to do next: tell others, give monthly (after a one-off gift), hear updates.
 */
export default async function ThankYouPage({ searchParams }: ThankYouPageProps) {
  await connection();
  const { session_id: sessionId, monthly: monthlyOutcome } = await searchParams;
  const here = `/donate/thank-you?${new URLSearchParams(typeof sessionId === "string" ? { session_id: sessionId } : {})}`;
  const gift = typeof sessionId === "string" ? await orUnavailable(here, async () => loadThankYou(await getDb(), stripe(), sessionId)) : null;
  if (!gift) notFound();

  const monthly = gift.frequency === "monthly";
  const yearly = gift.frequency === "yearly";
  const what = monthly ? `monthly gift of ${gift.amount}` : yearly ? `yearly gift of ${gift.amount}` : `gift of ${gift.amount}`;
  const { campaign } = gift;
  const shareUrl = new URL(campaign.href, env().APP_URL).toString();
  const shareTitle = campaign.href === "/donate" ? env().ORG_NAME : campaign.title;
  return (
    <div className="mx-auto max-w-2xl space-y-6 px-4 py-12">
      {gift.status === "incomplete" ? (
        <>
          <h1 className="font-serif text-3xl font-bold">Your gift was not completed</h1>
          <p>{`The checkout for your ${what} was not finished, so nothing was charged.`}</p>
        </>
      ) : gift.status === "failed" ? (
        <>
          <h1 className="font-serif text-3xl font-bold">Your gift did not go through</h1>
          <p data-testid="gift-status">{`Your bank did not complete the payment for your ${what} to ${campaign.title}, so nothing was taken. We have emailed you a link to try again.`}</p>
          <p>
            <a href={campaign.href} className="font-semibold text-brand-700 underline">
              Try again
            </a>
          </p>
        </>
      ) : (
        <>
          <h1 className="font-serif text-3xl font-bold">{gift.donorName ? `Thank you, ${gift.donorName}!` : "Thank you!"}</h1>
          {gift.status === "on-its-way" ? (
            <div role="status" className="space-y-2 rounded-md bg-stone-50 p-4">
              <p className="text-lg font-semibold" data-testid="gift-status">
                Your gift is on its way.
              </p>
              <p>{`Your ${what} to ${campaign.title} is being paid from your bank account, which takes a few business days. We will send your receipt as soon as your bank has completed it.`}</p>
            </div>
          ) : gift.status === "confirmed" ? (
            <p className="text-lg" data-testid="gift-status">
              {monthly || yearly
                ? `Your ${what} to ${campaign.title} has started. We will charge it each ${yearly ? "year" : "month"} until you change or cancel it.`
                : `Your ${what} to ${campaign.title} has been received.`}
            </p>
          ) : (
            <div role="status" className="space-y-2 rounded-md bg-amber-50 p-4">
              <p className="text-lg" data-testid="gift-status">{`We are confirming your ${what} to ${campaign.title}. This usually takes a few seconds.`}</p>
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
          {gift.status === "confirmed" && campaign.figures ? (
            <section aria-labelledby="progress-heading" className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
              <h2 id="progress-heading" className="text-lg font-bold">
                Where the campaign stands now
              </h2>
              <ProgressFigures
                raisedAmount={campaign.figures.raisedAmount}
                goalAmount={campaign.figures.goalAmount}
                currency={campaign.figures.currency}
                donorCount={campaign.figures.donorCount}
                label={campaign.title}
              />
            </section>
          ) : null}
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-lg border border-stone-200 bg-white p-4">
            <dt className="font-semibold">Amount</dt>
            <dd>{gift.amount}</dd>
            <dt className="font-semibold">Frequency</dt>
            <dd>{monthly ? "Monthly" : yearly ? "Yearly" : "One-off"}</dd>
            <dt className="font-semibold">Campaign</dt>
            <dd>{campaign.title}</dd>
            {gift.dedication ? (
              <>
                <dt className="font-semibold">Dedication</dt>
                <dd>{gift.dedication}</dd>
              </>
            ) : null}
          </dl>
          {gift.email && gift.status !== "on-its-way" ? (
            <p>{`A receipt ${gift.status === "confirmed" ? "is on its way" : "will be sent"} to ${gift.email}.`}</p>
          ) : null}
          {monthly || yearly ? <p>The receipt has a link to update your card, change the amount or cancel at any time.</p> : null}
          <p>
            {"Your gifts, receipts and any monthly gift are on "}
            <a href="/donate/manage" className="font-semibold text-brand-700 underline">
              Manage your giving
            </a>
            {": we email you a link to it."}
          </p>

          <ShareLinks url={shareUrl} title={shareTitle} />

          {!monthly && !yearly && campaign.slug ? (
            <section aria-labelledby="monthly-heading" className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
              <h2 id="monthly-heading" className="text-lg font-bold">
                Make it monthly?
              </h2>
              <p className="text-sm">
                {`A monthly gift lets ${campaign.href === "/donate" ? "us" : "the campaign"} plan ahead. You can change or cancel it at any time from your receipt.`}
              </p>
              {monthlyOutcome === "failed" ? (
                <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-sm font-semibold text-red-800">
                  We could not start monthly giving just now. Nothing was charged; please try again in a moment.
                </p>
              ) : null}
              <form action={startMonthlyAction}>
                <input type="hidden" name="session_id" value={String(sessionId)} />
                <input type="hidden" name="campaign" value={campaign.slug} />
                <input type="hidden" name="other_amount" value={minorToDecimalString(gift.gift.amount, gift.gift.currency)} />
                {gift.gift.coverFee ? <input type="hidden" name="cover_fee" value="on" /> : null}
                {gift.gift.anonymous ? <input type="hidden" name="anonymous" value="on" /> : null}
                <button type="submit" className="rounded-full bg-brand-700 px-6 py-2 font-semibold text-white hover:bg-brand-800">
                  {`Give ${formatMoney(gift.gift.amount, gift.gift.currency, { showCents: true })} every month`}
                </button>
              </form>
            </section>
          ) : null}

          {gift.updates === "pending" ? (
            <p>We have emailed you a link to confirm your updates sign-up; updates start once you click it.</p>
          ) : gift.updates === "none" ? (
            <SubscribeForm
              source="thank-you"
              heading="Hear what your gift makes possible"
              intro="Get an occasional email about this campaign and the rest of our work."
            />
          ) : null}
        </>
      )}
      {gift.returnTo ? (
        // Given through a widget on the organisation's (or a partner's) site: back to that page.
        <p>
          <a href={gift.returnTo.url} className="font-semibold text-brand-700 underline">
            {`Back to ${gift.returnTo.host}`}
          </a>
        </p>
      ) : null}
      <p>
        <a href={campaign.href} className="font-semibold text-brand-700 underline">
          {campaign.href === "/donate" ? "Back to giving" : "Back to the campaign"}
        </a>
      </p>
    </div>
  );
}
