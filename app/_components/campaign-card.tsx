import type { CampaignFigures } from "@/lib/campaigns/campaign-queries";
import { CampaignCover } from "./campaign-cover";
import { ProgressFigures } from "./progress-figures";
import { SURFACE } from "./ui";

export function CampaignCard({ campaign, headingLevel = 3 }: { campaign: CampaignFigures; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className={`flex h-full flex-col overflow-hidden ${SURFACE}`}>
      <CampaignCover campaign={campaign} sizes="(min-width: 1024px) 30rem, (min-width: 640px) 50vw, 100vw" className="aspect-[16/9] h-auto w-full" />
      <div className="flex flex-1 flex-col gap-4 p-6">
        <Heading className="font-serif text-xl font-bold leading-snug">
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
      </div>
    </article>
  );
}
