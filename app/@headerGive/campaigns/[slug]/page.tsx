import { getCampaignPage } from "@/lib/campaigns/cached-campaigns";
import { HeaderGiveLink } from "../../../_components/header-give-link";

// Rendered and cached with the campaign page it belongs to (same data, same tags).
export const revalidate = 3600;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

/** On a campaign page that takes gifts, "Give" goes to this campaign's panel. */
export default async function CampaignHeaderGive({ params }: { params: Promise<{ slug: string }> }) {
  const slug = (await params).slug;
  const campaign = await getCampaignPage(slug);
  return <HeaderGiveLink href={campaign?.status === "active" ? `/campaigns/${campaign.slug}#give` : undefined} />;
}
