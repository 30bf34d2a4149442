import "server-only";
import { and, eq } from "drizzle-orm";
import { campaigns, updates } from "@/db/schema";
import type { Database } from "@/db/database";
import type { FormErrors } from "@/lib/http/form-errors";
import type { UpdateFormValues, UpdateInput } from "./update-form";

export type SaveUpdateResult = { ok: true; id: string; published: boolean } | { ok: false; errors: FormErrors<UpdateFormValues> };

/**
 * Creates a draft, or saves changes to an update. A published update's text can be corrected
 * (the site shows the correction) but it is never emailed again, and it cannot move to another
 * campaign, since its emails already said which campaign it was about.
 */
export async function saveUpdate(db: Database, input: UpdateInput, id?: string): Promise<SaveUpdateResult> {
  if (input.campaignId) {
    const [campaign] = await db
      .select({ id: campaigns.id })
      .from(campaigns)
      .where(and(eq(campaigns.id, input.campaignId), eq(campaigns.kind, "campaign")));
    if (!campaign) return { ok: false, errors: { campaignId: "Choose a campaign from the list." } };
  }
  if (!id) {
    const [created] = await db
      .insert(updates)
      .values({ title: input.title, bodyMarkdown: input.bodyMarkdown, campaignId: input.campaignId })
      .returning({ id: updates.id });
    return { ok: true, id: created!.id, published: false };
  }
  const [existing] = await db.select({ status: updates.status, campaignId: updates.campaignId }).from(updates).where(eq(updates.id, id));
  if (!existing) return { ok: false, errors: { form: "This update no longer exists." } };
  const published = existing.status === "published";
  if (published && existing.campaignId !== input.campaignId) {
    return { ok: false, errors: { campaignId: "A published update stays with the campaign it was emailed about." } };
  }
  await db.update(updates).set({ title: input.title, bodyMarkdown: input.bodyMarkdown, campaignId: input.campaignId }).where(eq(updates.id, id));
  return { ok: true, id, published };
}

/** Deletes a draft (published updates stay: readers were emailed about them). */
export async function deleteDraftUpdate(db: Database, id: string): Promise<boolean> {
  const deleted = await db
    .delete(updates)
    .where(and(eq(updates.id, id), eq(updates.status, "draft")))
    .returning({ id: updates.id });
  return deleted.length > 0;
}
