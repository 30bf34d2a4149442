import type { Metadata } from "next";
import { daysLeft } from "@/lib/campaigns/campaign-progress";
import { getEmbedCampaign } from "@/lib/embed/embed-campaign";
import { orUnavailable } from "@/lib/http/database-unavailable";
import { ProgressFigures } from "../../../../_components/progress-figures";
import { PRIMARY_BUTTON } from "../../../../_components/ui";
import { EmbedFrame } from "../../../_components/embed-frame";
import { EmbeddedGiveLink } from "../../../_components/embedded-give-link";

interface EmbedRouteProps {
  params: Promise<{ slug: string }>;
}

// Cached like the campaign page (ISR over the same tagged data): a gift refreshes both.
export const revalidate = 3600;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

export const metadata: Metadata = { title: "Campaign progress", robots: { index: false } };

/** A campaign's progress (raised, goal, donors) and a Give button, for another site's page (docs/embedding.md). */
export default async function EmbeddedProgressRoute({ params }: EmbedRouteProps) {
  const slug = (await params).slug;
  const campaign = await orUnavailable(`/embed/campaigns/${encodeURIComponent(slug)}/progress`, () => getEmbedCampaign(slug, "progress"));
  const active = campaign.status === "active";
  return (
    <EmbedFrame label={`Progress: ${campaign.title}`}>
      <h1 className="text-base font-bold leading-snug">
        <a href={`/campaigns/${campaign.slug}`} target="_blank" rel="noopener" className="text-brand-700 underline-offset-2 hover:underline">
          {campaign.title}
        </a>
      </h1>
      <ProgressFigures
        raisedAmount={campaign.raisedAmount}
        goalAmount={campaign.goalAmount}
        currency={campaign.currency}
        donorCount={campaign.donorCount}
        daysLeft={daysLeft(campaign.endsAt, new Date())}
        label={campaign.title}
      />
      {active ? (
        <EmbeddedGiveLink href={`/campaigns/${campaign.slug}#give`} className={`block ${PRIMARY_BUTTON}`}>
          Give
        </EmbeddedGiveLink>
      ) : (
        <p className="text-sm font-semibold">This campaign has closed. Thank you to everyone who gave.</p>
      )}
    </EmbedFrame>
  );
}
