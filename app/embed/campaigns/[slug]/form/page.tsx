import type { Metadata } from "next";
import { accountCardFeeRate } from "@/lib/payments/account-card-fee";
import { daysLeft } from "@/lib/campaigns/campaign-progress";
import { getEmbedCampaign } from "@/lib/embed/embed-campaign";
import { orUnavailable } from "@/lib/http/database-unavailable";
import { moneyPattern } from "@/lib/money/money-pattern";
import { ProgressFigures } from "../../../../_components/progress-figures";
import { EmbedFrame } from "../../../_components/embed-frame";
import { EmbeddedDonationForm } from "../../../_components/embedded-donation-form";

interface EmbedRouteProps {
  params: Promise<{ slug: string }>;
}

// Cached like the campaign page (ISR over the same tagged data): a gift refreshes both.
export const revalidate = 3600;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

export const metadata: Metadata = { title: "Donation form", robots: { index: false } };

/**
 * The giving form of one campaign, for another site's page (docs/embedding.md): in the donate
 * button's overlay, or inline. Only the allowed origins may frame it (proxy.ts).
 */
export default async function EmbeddedFormRoute({ params }: EmbedRouteProps) {
  const slug = (await params).slug;
  const campaign = await orUnavailable(`/embed/campaigns/${encodeURIComponent(slug)}/form`, () => getEmbedCampaign(slug, "form"));
  const active = campaign.status === "active";
  return (
    <EmbedFrame label={`Donation form: ${campaign.title}`} overlayLabel={`Donation form over this page: ${campaign.title}`}>
      <h1 className="text-lg font-bold leading-snug">
        {active ? "Give to " : ""}
        <a href={`/campaigns/${campaign.slug}`} target="_blank" rel="noopener" className="text-brand-700 underline-offset-2 hover:underline">
          {campaign.title}
        </a>
      </h1>
      <ProgressFigures
        raisedAmount={campaign.raisedAmount}
        matchedAmount={campaign.matchedAmount}
        goalAmount={campaign.goalAmount}
        currency={campaign.currency}
        donorCount={campaign.donorCount}
        daysLeft={daysLeft(campaign.endsAt, new Date())}
        label={campaign.title}
      />
      {active ? (
        <EmbeddedDonationForm
          campaign={{
            slug: campaign.slug,
            currency: campaign.currency,
            presetAmounts: campaign.presetAmounts,
            presetImpacts: campaign.presetImpacts,
            defaultFrequency: campaign.defaultFrequency,
            frequencies: campaign.frequencies,
            money: moneyPattern(campaign.currency),
            cardFeeRate: accountCardFeeRate(),
            questions: campaign.questions,
            askPostalAddress: campaign.askPostalAddress,
          }}
        />
      ) : (
        <p className="rounded-md bg-stone-100 p-3 text-sm font-semibold">This campaign has closed and no longer takes gifts. Thank you to everyone who gave.</p>
      )}
    </EmbedFrame>
  );
}
