import "server-only";
import { asc, desc, eq } from "drizzle-orm";
import { campaigns } from "@/db/schema";
import type { Database } from "@/db/database";
import { campaignToFormValues, type CampaignFormValues } from "./campaign-form";

export interface CampaignChoice {
  id: string;
  title: string;
  currency: string;
}

/** Every campaign (drafts and the general fund included), for the admin's filters. */
export async function listCampaignChoices(db: Database): Promise<CampaignChoice[]> {
  return db
    .select({ id: campaigns.id, title: campaigns.title, currency: campaigns.currency })
    .from(campaigns)
    .orderBy(asc(campaigns.kind), desc(campaigns.createdAt), asc(campaigns.title));
}

export interface CampaignForEdit {
  id: string;
  slug: string;
  kind: "campaign" | "general_fund";
  status: "draft" | "active" | "closed";
  coverImageId: string | null;
  values: CampaignFormValues;
}

export async function getCampaignForEdit(db: Database, id: string): Promise<CampaignForEdit | null> {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id)).limit(1);
  if (!row) return null;
  return { id: row.id, slug: row.slug, kind: row.kind, status: row.status, coverImageId: row.coverImageId, values: campaignToFormValues(row) };
}
