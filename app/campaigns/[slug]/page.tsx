import type { Metadata } from "next";
import { accountCardFeeRate } from "@/lib/payments/account-card-fee";
import { notFound } from "next/navigation";
import { getCampaignMilestones, getCampaignPage, getCampaignPageOrRedirect } from "@/lib/campaigns/cached-campaigns";
import { daysLeft } from "@/lib/campaigns/campaign-progress";
import { getRecentSupporters } from "@/lib/donations/cached-giving";
import { getCampaignUpdates } from "@/lib/updates/cached-updates";
import { updatesFeedAlternate } from "@/lib/updates/update-links";
import { CampaignMilestones } from "../../_components/campaign-milestones";
import { DonationPanel } from "../../_components/donation-panel";
import { moneyPattern } from "@/lib/money/money-pattern";
import { FirstPublished } from "../../_components/first-published";
import { GiveCall } from "../../_components/give-call";
import { MatchNotice } from "../../_components/match-notice";
import { isMatchRunning } from "@/lib/campaigns/match-wording";
import { ProgressFigures } from "../../_components/progress-figures";
import { campaignShareImage } from "@/lib/campaigns/share-card";
import { orUnavailable, orWhileUnavailable } from "@/lib/http/database-unavailable";
import { CampaignCover } from "../../_components/campaign-cover";
import { ARTICLE_PROSE, SURFACE } from "../../_components/ui";
import { SubscribeForm } from "../../_components/subscribe-form";
import { SupportersList } from "../../_components/supporters-list";
import { UpdateList } from "../../_components/update-list";

interface CampaignRouteProps {
  params: Promise<{ slug: string }>;
}

// Pages are generated on first request and kept (ISR) until a gift or edit expires their data tag.
// A renamed campaign's old addresses render a permanent redirect, cached the same way.
export const revalidate = 3600;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return []; // the build never needs the database
}

export async function generateMetadata({ params }: CampaignRouteProps): Promise<Metadata> {
  // Only the page redirects a moved address: a redirect thrown here as well sends Location twice.
  // Likewise the page alone sends visitors to the 503 page while the database is unreachable.
  const slug = (await params).slug;
  const campaign = await orWhileUnavailable(() => getCampaignPage(slug), null);
  if (!campaign) return { title: "Campaign not found" };
  return {
    title: campaign.title,
    description: campaign.summary,
    alternates: { canonical: `/campaigns/${campaign.slug}`, types: updatesFeedAlternate() },
    openGraph: {
      title: campaign.title,
      description: campaign.summary,
      type: "article",
      url: `/campaigns/${campaign.slug}`,
      images: [campaignShareImage(campaign)],
    },
    twitter: { card: "summary_large_image", title: campaign.title, description: campaign.summary, images: [campaignShareImage(campaign)] },
  };
}

export default async function CampaignRoute({ params }: CampaignRouteProps) {
  const slug = (await params).slug;
  // A database outage: the 503 page (never kept in the page cache), not an error page.
  const found = await orUnavailable(`/campaigns/${encodeURIComponent(slug)}`, async () => {
    const campaign = await getCampaignPageOrRedirect(slug);
    if (!campaign) return null;
    const [updates, supporters, milestones] = await Promise.all([
      getCampaignUpdates(campaign.id),
      getRecentSupporters(campaign.id),
      getCampaignMilestones(campaign),
    ]);
    return { campaign, updates, supporters, milestones };
  });
  if (!found) notFound();
  const { campaign, updates, supporters, milestones } = found;
  const now = new Date();
  const published = campaign.publishedOn ? formatDay(campaign.publishedOn) : null;
  const active = campaign.status === "active";

  const figures = {
    raisedAmount: campaign.raisedAmount,
    matchedAmount: campaign.matchedAmount,
    goalAmount: campaign.goalAmount,
    currency: campaign.currency,
    donorCount: campaign.donorCount,
    daysLeft: daysLeft(campaign.endsAt, now),
    label: campaign.title,
    marks: milestones.filter((milestone) => milestone.percent < 100).map((milestone) => milestone.percent),
  };

  return (
    // Two columns on wide screens: the article on the left; the giving panel on the right spans
    // both rows and sticks in view while the article scrolls (CSS only). On phones the page opens
    // with the title, cover, progress and a Give button; the panel comes right after the article,
    // before supporters, updates and the sign-up form.
    <div className="mx-auto grid max-w-5xl gap-x-10 gap-y-12 px-4 pb-10 pt-4 sm:pt-8 lg:grid-cols-[minmax(0,1fr)_20rem] lg:grid-rows-[auto_1fr]">
      <article id="article" className="min-w-0 lg:col-start-1 lg:row-start-1" aria-labelledby="campaign-title">
        <header className="mb-8 space-y-3">
          <h1 id="campaign-title" className="font-serif text-2xl font-bold leading-tight sm:text-4xl">
            {campaign.title}
          </h1>
          <CampaignCover
            campaign={campaign}
            sizes="(min-width: 1024px) 42rem, 100vw"
            className="aspect-[5/2] h-auto w-full rounded-2xl sm:aspect-[16/9]"
            priority
          />
          {active ? (
            // The phone's first screen: how far the campaign has come (the panel shows it on wide
            // screens); the way to give is the Give bar at the bottom of the screen (give-call.tsx).
            <div className="lg:hidden" data-testid="phone-summary">
              <ProgressFigures {...figures} />
            </div>
          ) : null}
          {published ? (
            <p className="text-sm text-muted">
              <time dateTime={campaign.publishedOn ?? undefined}>{published}</time>
            </p>
          ) : null}
          <FirstPublished sourceName={campaign.sourceName} sourceUrl={campaign.sourceUrl} sourcePublishedOn={campaign.sourcePublishedOn} />
          {campaign.status === "closed" ? (
            <p className="rounded-md bg-stone-100 p-3 text-sm font-semibold">
              This campaign has closed and no longer takes gifts. Thank you to everyone who gave.
            </p>
          ) : null}
        </header>
        <div className={ARTICLE_PROSE} dangerouslySetInnerHTML={{ __html: campaign.bodyHtml }} />
        {active ? <GiveCall title={campaign.title} /> : null}
      </article>

      <aside id="give" tabIndex={-1} aria-labelledby="give-heading" className="scroll-mt-4 outline-none lg:col-start-2 lg:row-span-2 lg:row-start-1">
        {/* Short enough for a laptop screen in its default state; with its options open it scrolls within itself, so all of it stays reachable in view. */}
        <div className="lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto lg:rounded-2xl">
          <section className={`space-y-3 p-5 ${SURFACE}`}>
            <h2 id="give-heading" className="text-lg font-bold">
              {campaign.status === "closed" ? "Raised" : "Support this campaign"}
            </h2>
            <ProgressFigures {...figures} />
            <CampaignMilestones milestones={milestones} currency={campaign.currency} acceptingGifts={active} />
            {active && campaign.match ? <MatchNotice match={campaign.match} runningAtRender={isMatchRunning(campaign.match, now)} /> : null}
            {active ? (
              <DonationPanel
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
            ) : null}
          </section>
          {active ? (
            <p className="mt-3 text-center text-sm lg:hidden">
              <a href="#article-end" className="font-semibold text-brand-700 underline">
                Back to the article
              </a>{" "}
              <span className="text-muted">(or your browser’s Back button, to where you were reading)</span>
            </p>
          ) : null}
        </div>
      </aside>

      <div className="min-w-0 space-y-12 lg:col-start-1 lg:row-start-2">
        <SupportersList supporters={supporters} now={now} />
        {updates.length > 0 ? (
          <section aria-labelledby="updates-heading" className="space-y-6">
            <h2 id="updates-heading" className="font-serif text-2xl font-bold">
              Updates
            </h2>
            <UpdateList updates={updates} headingLevel={3} />
          </section>
        ) : null}
        <SubscribeForm
          source={`campaign:${campaign.slug}`}
          heading="Hear what happens next"
          intro="Get an occasional email about this campaign and the rest of our work."
        />
      </div>
    </div>
  );
}

function formatDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { dateStyle: "long", timeZone: "UTC" });
}
