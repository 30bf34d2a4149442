import { shareVariant } from "@/lib/images/picture";
import { formatMoney } from "@/lib/money/money";
import { progressPercent } from "./campaign-progress";
import type { CampaignFigures } from "./campaign-queries";

/** The generated link-preview card's address, for a campaign without a cover image. */
export function shareCardPath(slug: string): string {
  return `/campaigns/${slug}/share-card.png`;
}

export const SHARE_CARD_SIZE = { width: 1200, height: 630 } as const;

/** The card's progress line, also its alt text's second half. */
export function shareCardProgress(campaign: Pick<CampaignFigures, "raisedAmount" | "goalAmount" | "currency">): { line: string; percent: number | null } {
  const raised = formatMoney(campaign.raisedAmount, campaign.currency);
  if (campaign.raisedAmount <= 0) return { line: "Be the first to give", percent: campaign.goalAmount ? 0 : null };
  if (!campaign.goalAmount) return { line: `${raised} raised`, percent: null };
  return {
    line: `${raised} raised of ${formatMoney(campaign.goalAmount, campaign.currency)} goal`,
    percent: progressPercent(campaign.raisedAmount, campaign.goalAmount),
  };
}

/** What a link preview shows for the campaign (Open Graph, Twitter): its cover, or the generated card. */
export function campaignShareImage(campaign: Pick<CampaignFigures, "slug" | "title" | "raisedAmount" | "goalAmount" | "currency" | "coverImage">) {
  if (campaign.coverImage) return { ...shareVariant(campaign.coverImage), alt: campaign.coverImage.altText };
  return { url: shareCardPath(campaign.slug), ...SHARE_CARD_SIZE, type: "image/png", alt: `${campaign.title}: ${shareCardProgress(campaign).line}` };
}
