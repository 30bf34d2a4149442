import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { getDb } from "@/db/client";
import { orUnavailable } from "@/lib/http/database-unavailable";
import { inspectConfirmation } from "@/lib/subscribers/confirm-subscription";
import { describeLifetime, subscriptionSettings } from "@/lib/subscribers/subscription-settings";
import { SubscribeForm } from "../../_components/subscribe-form";
import { confirmSubscriptionAction } from "./actions";
import { ResendConfirmationForm } from "./resend-confirmation-form";

export const metadata: Metadata = { title: "Confirm your subscription", robots: { index: false, follow: false } };

interface ConfirmPageProps {
  searchParams: Promise<{ token?: string | string[]; confirmed?: string | string[] }>;
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-2xl space-y-5 px-4 py-16">
      <h1 className="font-serif text-3xl font-bold">{title}</h1>
      {children}
    </div>
  );
}

/**
 * The link in the confirmation email lands here. The page only reads: pressing its button
 * confirms the subscription (double opt-in, step two, confirmSubscriptionAction), so a mail
 * scanner that follows the link confirms nobody. Expired or used links say so and offer a new one.
 */
export default async function ConfirmSubscriptionPage({ searchParams }: ConfirmPageProps) {
  await connection();
  const { token, confirmed } = await searchParams;
  const linkToken = typeof token === "string" ? token : "";
  const here = `/subscribe/confirm?${new URLSearchParams({ token: linkToken })}`;
  const db = await orUnavailable(here, getDb);
  const outcome = await orUnavailable(here, () => inspectConfirmation(db, linkToken));

  switch (outcome.kind) {
    case "pending":
      return (
        <Panel title="Confirm your subscription">
          <p className="text-lg">Press the button to start getting our email updates. You can unsubscribe from any of them in one click.</p>
          <form action={confirmSubscriptionAction}>
            <input type="hidden" name="token" value={linkToken} />
            <button type="submit" className="rounded-full bg-brand-700 px-6 py-2 font-semibold text-white hover:bg-brand-800">
              Confirm my subscription
            </button>
          </form>
        </Panel>
      );
    case "already-confirmed":
      if (confirmed !== "1") {
        return (
          <Panel title="You're already subscribed">
            <p className="text-lg">This link was already used to confirm your subscription, so there is nothing more to do.</p>
          </Panel>
        );
      }
      return (
        <Panel title="You're subscribed">
          <p className="text-lg">
            Thank you for confirming. We&rsquo;ll email you occasional updates about our campaigns and what your support makes possible.
          </p>
          <p className="text-muted">Every email has a link to unsubscribe in one click.</p>
          <p>
            <a href="/#campaigns" className="font-semibold text-brand-700 underline">
              Read our campaigns
            </a>
          </p>
        </Panel>
      );
    case "expired":
      return (
        <Panel title="This link has expired">
          <p className="text-lg">{`Confirmation links work for ${describeLifetime(subscriptionSettings().confirmationTtlHours)}. We can email you a new one.`}</p>
          <ResendConfirmationForm token={linkToken} />
        </Panel>
      );
    case "used":
      return (
        <Panel title="This link has already been used">
          <p className="text-lg">It cannot confirm a subscription a second time. If you would still like our updates, ask for a new link.</p>
          <ResendConfirmationForm token={linkToken} />
        </Panel>
      );
    case "invalid":
      return (
        <Panel title="We don't recognise this link">
          <p className="text-lg">Make sure you copied the whole link from the email. Or sign up again here:</p>
          <SubscribeForm source="confirm-page" heading="Sign up for email updates" />
        </Panel>
      );
  }
}
