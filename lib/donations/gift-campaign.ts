import "server-only";
import { eq } from "drizzle-orm";
import { campaigns, type CampaignQuestion, type PresetImpact } from "@/db/schema";
import type { GiftFrequency } from "./gift-types";
import type { Executor } from "@/db/database";
import { GENERAL_FUND_SLUG } from "@/lib/campaigns/general-fund";
import { SLUG_PATTERN } from "@/lib/campaigns/campaign-form";

export interface GiftCampaign {
  id: string;
  slug: string;
  kind: "campaign" | "general_fund";
  title: string;
  summary: string;
  currency: string;
  status: "draft" | "active" | "closed";
  presetAmounts: number[];
  presetImpacts: PresetImpact[];
  defaultFrequency: GiftFrequency;
  /** The frequencies the donation panel offers. */
  frequencies: GiftFrequency[];
  /** The donation form's extra questions, and whether it asks for a postal address. */
  questions: CampaignQuestion[];
  askPostalAddress: boolean;
}

/** The public page of what a gift goes to: the campaign's page, or /donate for the general fund. */
export function campaignUrl(campaign: Pick<GiftCampaign, "kind" | "slug">, appUrl: string): string {
  return new URL(campaign.kind === "general_fund" ? "/donate" : `/campaigns/${campaign.slug}`, appUrl).toString();
}

/** What a gift's emails call what it went to: the campaign's title, or the organisation's work for the general fund. */
export function giftCampaignTitle(campaign: Pick<GiftCampaign, "kind" | "title">, organisationName: string): string {
  return campaign.kind === "general_fund" ? `the work of ${organisationName}` : campaign.title;
}

const columns = {
  id: campaigns.id,
  slug: campaigns.slug,
  kind: campaigns.kind,
  title: campaigns.title,
  summary: campaigns.summary,
  currency: campaigns.currency,
  status: campaigns.status,
  presetAmounts: campaigns.presetAmounts,
  presetImpacts: campaigns.presetImpacts,
  defaultFrequency: campaigns.defaultFrequency,
  frequencies: campaigns.frequencies,
  questions: campaigns.questions,
  askPostalAddress: campaigns.askPostalAddress,
};

/** A campaign (or the general fund) by slug, whatever its status: callers decide what they accept. */
export async function findGiftCampaignBySlug(db: Executor, slug: string): Promise<GiftCampaign | null> {
  if (!SLUG_PATTERN.test(slug)) return null; // a form can post any bytes, NUL included, which PostgreSQL refuses
  const [row] = await db.select(columns).from(campaigns).where(eq(campaigns.slug, slug));
  return row ?? null;
}

/**
 * The campaign a paid gift is recorded against. Money that arrived is always recorded: if the
 * campaign named in the gift's metadata no longer exists, the gift goes to the general fund.
 */
export async function campaignForPaidGift(tx: Executor, campaignId: string): Promise<GiftCampaign> {
  const [row] = await tx.select(columns).from(campaigns).where(eq(campaigns.id, campaignId));
  if (row) return row;
  const fund = await findGiftCampaignBySlug(tx, GENERAL_FUND_SLUG);
  if (!fund) throw new Error(`campaign ${campaignId} and the general fund are both missing`);
  return fund;
}
