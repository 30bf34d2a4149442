import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getCampaignPage, getCampaignPageOrRedirect } from "@/lib/campaigns/cached-campaigns";
import { daysLeft } from "@/lib/campaigns/campaign-progress";
import { getCampaignUpdates } from "@/lib/updates/cached-updates";
import { updatesFeedAlternate } from "@/lib/updates/update-links";
import { DonationPanel } from "../../_components/donation-panel";
import { ProgressFigures } from "../../_components/progress-figures";
import { campaignShareImage } from "@/lib/campaigns/share-card";
import { ResponsivePicture } from "../../_components/responsive-picture";
import { SubscribeForm } from "../../_components/subscribe-form";
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
  const campaign = await getCampaignPage((await params).slug);
  if (!campaign) return { title: "Campaign not found" };
  return {
    title: campaign.title,
    description: campaign.summary,
    alternates: { canonical: `/campaigns/${campaign.slug}`, types: updatesFeedAlternate() },
    openGraph: { title: campaign.title, description: campaign.summary, type: "article", url: `/campaigns/${campaign.slug}`, images: [campaignShareImage(campaign)] },
    twitter: { card: "summary_large_image", title: campaign.title, description: campaign.summary, images: [campaignShareImage(campaign)] },
  };
}

export default async function CampaignRoute({ params }: CampaignRouteProps) {
  const campaign = await getCampaignPageOrRedirect((await params).slug);
  if (!campaign) notFound();
  const updates = await getCampaignUpdates(campaign.id);
  const published = campaign.publishedOn
    ? new Date(`${campaign.publishedOn}T00:00:00Z`).toLocaleDateString("en-US", { dateStyle: "long", timeZone: "UTC" })
    : null;

  return (
    <div className="mx-auto grid max-w-5xl gap-10 px-4 py-10 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <article className="min-w-0" aria-labelledby="campaign-title">
        <header className="mb-8 space-y-3">
          <h1 id="campaign-title" className="font-serif text-3xl font-bold leading-tight sm:text-4xl">
            {campaign.title}
          </h1>
          {published ? (
            <p className="text-sm text-muted">
              <time dateTime={campaign.publishedOn ?? undefined}>{published}</time>
            </p>
          ) : null}
          {campaign.status === "active" ? (
            <p className="lg:hidden">
              <a href="#give-heading" className="inline-block rounded-full bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800">
                Give to this campaign
              </a>
            </p>
          ) : null}
          {campaign.status === "closed" ? (
            <p className="rounded-md bg-stone-100 p-3 text-sm font-semibold">This campaign has closed and no longer takes gifts. Thank you to everyone who gave.</p>
          ) : null}
        </header>
        {campaign.coverImage ? (
          <ResponsivePicture image={campaign.coverImage} sizes="(min-width: 1024px) 42rem, 100vw" className="mb-8 h-auto w-full rounded-xl" priority />
        ) : null}
        <div
          className="prose prose-stone max-w-none prose-headings:font-serif prose-blockquote:border-brand-700 prose-a:text-brand-700"
          dangerouslySetInnerHTML={{ __html: campaign.bodyHtml }}
        />
        {updates.length > 0 ? (
          <section aria-labelledby="updates-heading" className="mt-12 space-y-6">
            <h2 id="updates-heading" className="font-serif text-2xl font-bold">
              Updates
            </h2>
            <UpdateList updates={updates} headingLevel={3} />
          </section>
        ) : null}
        <div className="mt-12">
          <SubscribeForm
            source={`campaign:${campaign.slug}`}
            heading="Hear what happens next"
            intro="Get an occasional email about this campaign and the rest of our work."
          />
        </div>
      </article>

      <aside aria-labelledby="give-heading" className="lg:self-start">
        <section className="space-y-4 rounded-xl border border-stone-200 bg-white p-6 shadow-sm">
          <h2 id="give-heading" className="text-lg font-bold">
            {campaign.status === "closed" ? "Raised" : "Support this campaign"}
          </h2>
          <ProgressFigures
            raisedAmount={campaign.raisedAmount}
            goalAmount={campaign.goalAmount}
            currency={campaign.currency}
            donorCount={campaign.donorCount}
            daysLeft={daysLeft(campaign.endsAt, new Date())}
            label={campaign.title}
          />
          {campaign.status === "active" ? (
            <DonationPanel campaign={{ slug: campaign.slug, currency: campaign.currency, presetAmounts: campaign.presetAmounts }} />
          ) : null}
        </section>
      </aside>
    </div>
  );
}
