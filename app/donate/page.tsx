import type { Metadata } from "next";
import { accountCardFeeRate } from "@/lib/payments/account-card-fee";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getGeneralFund } from "@/lib/donations/cached-giving";
import { env } from "@/lib/env";
import { DonationPanel } from "../_components/donation-panel";
import { SURFACE } from "../_components/ui";
import { moneyPattern } from "@/lib/money/money-pattern";
import { updatesFeedAlternate } from "@/lib/updates/update-links";

export const metadata: Metadata = {
  title: "Give",
  description: "Give once or monthly to where it's needed most: rescue, resettlement and information access.",
  alternates: { canonical: "/donate", types: updatesFeedAlternate() },
};

/** Gifts not tied to a campaign go to the general fund. */
export default async function DonatePage() {
  await connection();
  const fund = await getGeneralFund();
  if (!fund) notFound();
  const { ORG_NAME } = env();
  return (
    <div className="mx-auto grid max-w-5xl gap-10 px-4 py-10 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <section className="space-y-4" aria-labelledby="donate-title">
        <h1 id="donate-title" className="font-serif text-4xl font-bold leading-tight">
          Give where it&rsquo;s needed most
        </h1>
        <p className="text-lg text-muted">{fund.summary}</p>
        <p>{`A gift to the general fund lets ${ORG_NAME} act quickly: a rescue that cannot wait, a family's first months in safety, a radio broadcast that reaches across the border.`}</p>
        <p>Monthly gifts are the steadiest support of all; you can change or cancel yours at any time.</p>
      </section>
      <aside aria-labelledby="give-heading">
        <section className={`space-y-4 p-5 ${SURFACE}`}>
          <h2 id="give-heading" className="text-lg font-bold">
            Your gift
          </h2>
          {fund.status === "active" ? (
            <DonationPanel
              campaign={{
                slug: fund.slug,
                currency: fund.currency,
                presetAmounts: fund.presetAmounts,
                presetImpacts: fund.presetImpacts,
                defaultFrequency: fund.defaultFrequency,
                frequencies: fund.frequencies,
                money: moneyPattern(fund.currency),
                cardFeeRate: accountCardFeeRate(),
                generalFund: true,
                questions: fund.questions,
                askPostalAddress: fund.askPostalAddress,
              }}
            />
          ) : (
            <p>Online giving is paused right now. Please come back soon.</p>
          )}
        </section>
      </aside>
    </div>
  );
}
