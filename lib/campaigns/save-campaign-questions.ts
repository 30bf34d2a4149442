import "server-only";
import { eq } from "drizzle-orm";
import { campaigns, type CampaignQuestion } from "@/db/schema";
import type { Database } from "@/db/database";

/** Stores the campaign's questions and its postal-address choice; the slug, for the caller to expire its pages. */
export async function saveCampaignQuestions(
  db: Database,
  campaignId: string,
  questions: CampaignQuestion[],
  askPostalAddress: boolean,
): Promise<{ slug: string } | null> {
  const [row] = await db.update(campaigns).set({ questions, askPostalAddress }).where(eq(campaigns.id, campaignId)).returning({ slug: campaigns.slug });
  return row ?? null;
}

export async function findCampaignQuestions(db: Database, campaignId: string) {
  const [row] = await db
    .select({ id: campaigns.id, title: campaigns.title, questions: campaigns.questions, askPostalAddress: campaigns.askPostalAddress })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId));
  return row ?? null;
}
