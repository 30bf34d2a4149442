import type { Metadata } from "next";
import { after, connection } from "next/server";
import type { ReactNode } from "react";
import { getDb } from "@/db/client";
import { orUnavailable } from "@/lib/http/database-unavailable";
import { confirmSubscription } from "@/lib/subscribers/confirm-subscription";
import { runSubscriberFollowUp } from "@/lib/subscribers/follow-up";
import { describeLifetime, subscriptionSettings } from "@/lib/subscribers/subscription-settings";
import { SubscribeForm } from "../../_components/subscribe-form";
import { ResendConfirmationForm } from "./resend-confirmation-form";

export const metadata: Metadata = { title: "Confirm your subscription", robots: { index: false, follow: false } };

interface ConfirmPageProps {
  searchParams: Promise<{ token?: string | string[] }>;
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
 * The link in the confirmation email lands here: following it confirms the subscription (double
 * opt-in, step two), once. Expired or used links say so and offer a new one.
 */
export default async function ConfirmSubscriptionPage({ searchParams }: ConfirmPageProps) {
  await connection();
  const { token } = await searchParams;
  const linkToken = typeof token === "string" ? token : "";
  const here = `/subscribe/confirm?${new URLSearchParams({ token: linkToken })}`;
  const db = await orUnavailable(here, getDb);
  const outcome = await orUnavailable(here, () => confirmSubscription(db, linkToken));

  switch (outcome.kind) {
    case "confirmed":
      after(() => runSubscriberFollowUp(db, { syncAudienceFor: outcome.subscriberId }));
      return (
        <Panel title="You're subscribed">
          <p className="text-lg">Thank you for confirming. We&rsquo;ll email you occasional updates about our campaigns and what your support makes possible.</p>
          <p className="text-muted">Every email has a link to unsubscribe in one click.</p>
          <p>
            <a href="/#campaigns" className="font-semibold text-brand-700 underline">
              Read our campaigns
            </a>
          </p>
        </Panel>
      );
    case "already-confirmed":
      return (
        <Panel title="You're already subscribed">
          <p className="text-lg">This link was already used to confirm your subscription, so there is nothing more to do.</p>
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
