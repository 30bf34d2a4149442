import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getActiveCampaigns } from "@/lib/campaigns/cached-campaigns";
import { env } from "@/lib/env";
import { orUnavailable } from "@/lib/http/database-unavailable";
import { CampaignCard } from "../../_components/campaign-card";
import { CampaignCover } from "../../_components/campaign-cover";
import { PRIMARY_BUTTON, SECTION_HEADING, SURFACE } from "../../_components/ui";
import { ProgressFigures } from "../../_components/progress-figures";
import { SubscribeForm } from "../../_components/subscribe-form";
import { updatesFeedAlternate } from "@/lib/updates/update-links";

/*
 * The home page, served at "/" through a rewrite in next.config.js. It lives under a dynamic
 * segment so that it is generated on the first request and then kept (incremental static
 * regeneration) instead of being prerendered at build time, when there is no database.
 * Gifts and edits expire it through the campaigns tag like every campaign page.
 */
const HOME_EDITION = "current";
export const revalidate = 3600;
export const dynamicParams = true;
export function generateStaticParams(): { edition: string }[] {
  return [];
}

export const metadata: Metadata = {
  alternates: { canonical: "/", types: updatesFeedAlternate() },
};

export default async function HomePage({ params }: { params: Promise<{ edition: string }> }) {
  if ((await params).edition !== HOME_EDITION) notFound();
  // A database outage before this page was ever kept: the 503 page (never kept), not an error page.
  const campaigns = await orUnavailable("/", getActiveCampaigns);
  const featured = campaigns.find((campaign) => campaign.featured) ?? campaigns[0];
  const others = campaigns.filter((campaign) => campaign !== featured);
  const { ORG_NAME } = env();

  return (
    <div className="mx-auto max-w-5xl space-y-12 px-4 py-10">
      <section aria-labelledby="mission-heading" className="space-y-4">
        <h1 id="mission-heading" className="font-serif text-4xl font-bold leading-tight sm:text-5xl">
          Stand with the North Korean people
        </h1>
        <p className="max-w-3xl text-lg text-muted">
          {`${ORG_NAME} tells the stories of people living under one of the world's most closed regimes, helps those who escape to reach safety, and carries outside information in. Read a campaign, give once or every month, and see exactly what each campaign has raised.`}
        </p>
      </section>

      {/* The header's "Campaigns" link lands here: the featured campaign, then the others. */}
      <div id="campaigns" className="space-y-12">
        {featured ? (
          <section aria-labelledby="featured-heading" className={`grid overflow-hidden md:grid-cols-2 ${SURFACE}`}>
            <CampaignCover
              campaign={featured}
              sizes="(min-width: 768px) 32rem, 100vw"
              className="aspect-[16/9] h-auto w-full md:aspect-auto md:h-full"
              priority
            />
            <div className="p-6 sm:p-8">
              <p className="text-sm font-bold uppercase tracking-wide text-brand-700">Featured campaign</p>
              <h2 id="featured-heading" className="mt-2 font-serif text-3xl font-bold leading-tight">
                <a href={`/campaigns/${featured.slug}`} className="hover:underline">
                  {featured.title}
                </a>
              </h2>
              <p className="mt-3 text-muted">{featured.summary}</p>
              <div className="mt-6">
                <ProgressFigures
                  raisedAmount={featured.raisedAmount}
                  goalAmount={featured.goalAmount}
                  currency={featured.currency}
                  donorCount={featured.donorCount}
                  label={featured.title}
                />
              </div>
              <a href={`/campaigns/${featured.slug}`} className={`mt-6 inline-block ${PRIMARY_BUTTON}`}>
                Read and give
              </a>
            </div>
          </section>
        ) : null}

        {others.length > 0 || !featured ? (
          <section aria-labelledby="campaigns-heading" className="space-y-6">
            <h2 id="campaigns-heading" className={SECTION_HEADING}>
              {featured ? "More campaigns" : "Campaigns"}
            </h2>
            {campaigns.length === 0 ? (
              <p className="text-muted">There are no active campaigns right now.</p>
            ) : (
              // The featured campaign is above, not repeated here.
              <ul className="grid gap-6 sm:grid-cols-2">
                {others.map((campaign) => (
                  <li key={campaign.id}>
                    <CampaignCard campaign={campaign} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        ) : null}
      </div>

      <div className="max-w-2xl">
        <SubscribeForm
          source="home"
          heading="Stay close to the work"
          intro="Stories from the people we work with, progress on every campaign, and what your support makes possible, in an occasional email."
        />
      </div>
    </div>
  );
}
