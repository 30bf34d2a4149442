"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/require-admin";
import { revalidateCampaignFigures } from "@/lib/campaigns/cache-tags";
import { campaignFormValuesFrom, parseCampaignForm, type CampaignFormErrors, type CampaignFormValues } from "@/lib/campaigns/campaign-form";
import { renderCampaignMarkdown } from "@/lib/campaigns/render-markdown";
import { saveCampaign } from "@/lib/campaigns/save-campaign";
import { BAD_FORM_MESSAGE, formDataOf } from "@/lib/http/form-input";

export interface CampaignFormState {
  values: CampaignFormValues;
  errors: CampaignFormErrors;
  /** Counts answers, so the form can be drawn afresh with what was sent (selects included). */
  attempt: number;
}

const campaignId = z.uuid();

/** Saves the campaign editor (creates when there is no id). Admins only; public pages are refreshed after. */
export async function saveCampaignAction(previous: CampaignFormState, submitted: FormData): Promise<CampaignFormState> {
  // Before anything else, even reading the input: actions are public POST endpoints.
  await requireAdmin("/admin/campaigns");
  const attempt = (Number.isSafeInteger(previous?.attempt) ? previous.attempt : 0) + 1;
  const formData = formDataOf(submitted);
  if (!formData) return { values: campaignFormValuesFrom(new FormData()), errors: { form: BAD_FORM_MESSAGE }, attempt };
  const rawId = formData.get("id");
  const id = typeof rawId === "string" && rawId !== "" ? rawId : undefined;
  if (id !== undefined && !campaignId.safeParse(id).success) return { values: campaignFormValuesFrom(formData), errors: { form: "This campaign no longer exists." }, attempt };

  const values = campaignFormValuesFrom(formData);
  const parsed = parseCampaignForm(values);
  if (!parsed.ok) return { values, errors: parsed.errors, attempt };
  const saved = await saveCampaign(await getDb(), parsed.input, id);
  if (!saved.ok) return { values, errors: saved.errors, attempt };
  revalidateCampaignFigures(saved.id);
  redirect(`/admin/campaigns/${saved.id}?saved=${id ? "updated" : "created"}`);
}

const previewInput = z.string().max(200_000);

/** The article as the campaign page will show it: the same renderer and sanitizer. Admins only. */
export async function previewCampaignMarkdownAction(markdown: unknown): Promise<string> {
  await requireAdmin("/admin/campaigns");
  const parsed = previewInput.safeParse(markdown);
  return parsed.success ? renderCampaignMarkdown(parsed.data) : "";
}
