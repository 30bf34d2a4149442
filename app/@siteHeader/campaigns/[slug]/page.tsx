import { unstable_rethrow } from "next/navigation";
import { getCampaignPage } from "@/lib/campaigns/cached-campaigns";
import { SiteHeader } from "../../../_components/site-header";

// Rendered and cached with the campaign page it belongs to (same data, same tags).
export const revalidate = 3600;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

/** On a campaign page that takes gifts, "Give" goes to this campaign's panel. */
export default async function CampaignSiteHeader({ params }: { params: Promise<{ slug: string }> }) {
  const slug = (await params).slug;
  const campaign = await getCampaignPage(slug).catch((error: unknown) => {
    // Redirects and not-found belong to the page; anything else (the database not answering)
    // is the page's to report once, so the header keeps its plain "Give" instead of a second error.
    unstable_rethrow(error);
    return null;
  });
  return <SiteHeader give={campaign?.status === "active" ? `/campaigns/${campaign.slug}#give` : undefined} />;
}
