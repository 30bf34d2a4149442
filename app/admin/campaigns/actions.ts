"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { adminCall, adminFormAction, textFields, type AdminFormState } from "@/lib/admin/admin-action";
import { expireCacheTags } from "@/lib/cache/shared-cache-tags";
import { campaignSlugTag, revalidateCampaignEdit } from "@/lib/campaigns/cache-tags";
import { campaignFormSchema, campaignFormValuesFrom, SLUG_PATTERN, type CampaignFormValues } from "@/lib/campaigns/campaign-form";
import { removeSlugRedirect } from "@/lib/campaigns/campaign-slugs";
import { renderMarkdownWithImages } from "@/lib/campaigns/render-article";
import { saveCampaign } from "@/lib/campaigns/save-campaign";
import { campaignSnapshot } from "@/lib/audit/audit-snapshots";

export type CampaignFormState = AdminFormState<CampaignFormValues>;

const campaignId = z.uuid();

/** Saves the campaign editor (creates when there is no id). Admins only; public pages are refreshed after. */
export const saveCampaignAction = adminFormAction({
  name: "saveCampaignAction",
  page: "/admin/campaigns",
  read: campaignFormValuesFrom,
  schema: campaignFormSchema,
  run: async (input, { formData, audited }) => {
    const rawId = formData.get("id");
    const id = typeof rawId === "string" && rawId !== "" ? rawId : undefined;
    if (id !== undefined && !campaignId.safeParse(id).success) return { errors: { form: "This campaign no longer exists." } };
    const { saved } = await audited(
      async (tx) => {
        const before = id ? await campaignSnapshot(tx, id) : null;
        const saved = await saveCampaign(tx, input, id);
        return { saved, before, after: saved.ok ? await campaignSnapshot(tx, saved.id) : null };
      },
      ({ saved, before, after }) =>
        saved.ok ? { kind: id ? "campaign.updated" : "campaign.created", object: { type: "campaign", id: saved.id, label: input.title }, before, after } : null,
    );
    if (!saved.ok) return { errors: saved.errors };
    await revalidateCampaignEdit({ campaignId: saved.id, slug: saved.slug, previousSlug: saved.previousSlug });
    redirect(`/admin/campaigns/${saved.id}?saved=${id ? "updated" : "created"}`);
  },
});

/** The article as the campaign page will show it: the same renderer and sanitizer. Admins only. */
export const previewCampaignMarkdownAction = adminCall(
  { name: "previewCampaignMarkdownAction", page: "/admin/campaigns" },
  z.string().max(200_000),
  async (markdown) => renderMarkdownWithImages(await getDb(), markdown),
  "",
);

export type SlugRedirectFormState = AdminFormState<{ campaignId: string; slug: string }>;

/**
 * Stops an old web address of a campaign redirecting, so another campaign can take it (links to
 * it then stop working). Admins only; the address's cached answer is expired everywhere.
 */
export const removeSlugRedirectAction = adminFormAction({
  name: "removeSlugRedirectAction",
  page: "/admin/campaigns",
  read: (formData) => textFields(formData, ["campaignId", "slug"]),
  schema: z.object({ campaignId, slug: z.string().regex(SLUG_PATTERN, "That is not a web address.") }),
  run: async ({ campaignId: id, slug }, { audited }) => {
    const removed = await audited(
      (tx) => removeSlugRedirect(tx, id, slug),
      (done) => (done ? { kind: "campaign.redirect-removed", object: { type: "campaign", id }, before: { slug }, after: { slug: null } } : null),
    );
    if (!removed) return { errors: { form: `/campaigns/${slug} no longer redirects here.` } };
    await expireCacheTags([campaignSlugTag(slug)]);
    redirect(`/admin/campaigns/${id}?${new URLSearchParams({ unredirected: slug })}`);
  },
});
