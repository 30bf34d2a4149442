import type { CampaignFigures } from "@/lib/campaigns/campaign-queries";
import { ProgressFigures } from "./progress-figures";
import { ResponsivePicture } from "./responsive-picture";

export function CampaignCard({ campaign, headingLevel = 3 }: { campaign: CampaignFigures; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="flex h-full flex-col gap-4 rounded-xl border border-stone-200 bg-white p-6 shadow-sm">
      {campaign.coverImage ? (
        <ResponsivePicture image={campaign.coverImage} sizes="(min-width: 1024px) 30rem, (min-width: 640px) 50vw, 100vw" className="-mx-6 -mt-6 aspect-[16/9] w-[calc(100%+3rem)] max-w-none rounded-t-xl object-cover" />
      ) : null}
      <Heading className="text-xl font-bold leading-snug">
        <a href={`/campaigns/${campaign.slug}`} className="hover:text-brand-700 hover:underline">
          {campaign.title}
        </a>
      </Heading>
      <p className="flex-1 text-muted">{campaign.summary}</p>
      <ProgressFigures
        raisedAmount={campaign.raisedAmount}
        goalAmount={campaign.goalAmount}
        currency={campaign.currency}
        donorCount={campaign.donorCount}
        label={campaign.title}
      />
    </article>
  );
}
