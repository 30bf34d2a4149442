"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/require-admin";
import { revalidateUpdates } from "@/lib/campaigns/cache-tags";
import { renderCampaignMarkdown } from "@/lib/campaigns/render-markdown";
import { nudgeAppDeliveryWorker } from "@/lib/email/app-delivery-worker";
import { retryFailedEmails } from "@/lib/email/outbox";
import { publishUpdate } from "@/lib/updates/publish-update";
import { deleteDraftUpdate, saveUpdate } from "@/lib/updates/save-update";
import { audienceSchema, parseUpdateForm, updateFormValuesFrom, type UpdateFormErrors, type UpdateFormValues } from "@/lib/updates/update-form";

export interface UpdateFormState {
  values: UpdateFormValues;
  errors: UpdateFormErrors;
  attempt: number;
}

const uuid = z.uuid();

/** Saves the update editor (creates a draft when there is no id). Admins only. */
export async function saveUpdateAction(previous: UpdateFormState, formData: FormData): Promise<UpdateFormState> {
  await requireAdmin("/admin/updates");
  const attempt = (Number.isSafeInteger(previous?.attempt) ? previous.attempt : 0) + 1;
  const values = updateFormValuesFrom(formData);
  const rawId = formData.get("id");
  const id = typeof rawId === "string" && rawId !== "" ? rawId : undefined;
  if (id !== undefined && !uuid.safeParse(id).success) return { values, errors: { form: "This update no longer exists." }, attempt };
  const parsed = parseUpdateForm(values);
  if (!parsed.ok) return { values, errors: parsed.errors, attempt };
  const saved = await saveUpdate(await getDb(), parsed.input, id);
  if (!saved.ok) return { values, errors: saved.errors, attempt };
  // A correction to a published update shows on the public pages at once (never emailed again).
  if (saved.published) revalidateUpdates();
  redirect(`/admin/updates/${saved.id}?saved=1`);
}

const previewInput = z.string().max(200_000);

/** The update as the site and the email will show it: the article renderer and sanitiser. Admins only. */
export async function previewUpdateMarkdownAction(markdown: unknown): Promise<string> {
  await requireAdmin("/admin/updates");
  const parsed = previewInput.safeParse(markdown);
  return parsed.success ? renderCampaignMarkdown(parsed.data) : "";
}

export interface PublishFormState {
  error?: string;
}

const publishInput = z.object({ id: z.uuid(), audience: audienceSchema, confirm: z.literal("yes") });

/** Publishes a draft and queues its emails; asks for an audience and an explicit confirmation. Admins only. */
export async function publishUpdateAction(_previous: PublishFormState, formData: FormData): Promise<PublishFormState> {
  await requireAdmin("/admin/updates");
  const parsed = publishInput.safeParse({ id: formData.get("id"), audience: formData.get("audience"), confirm: formData.get("confirm") });
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    return { error: field === "audience" ? "Choose who receives the update." : field === "confirm" ? "Tick the box to confirm you want to email them now." : "This update no longer exists." };
  }
  const result = await publishUpdate(await getDb(), parsed.data.id, parsed.data.audience);
  if (!result.ok) return { error: result.error };
  revalidateUpdates();
  nudgeAppDeliveryWorker();
  redirect(`/admin/updates/${parsed.data.id}?published=${result.recipients}`);
}

/** Deletes a draft. Admins only. */
export async function deleteDraftUpdateAction(_previous: PublishFormState, formData: FormData): Promise<PublishFormState> {
  await requireAdmin("/admin/updates");
  const id = uuid.safeParse(formData.get("id"));
  if (!id.success || !(await deleteDraftUpdate(await getDb(), id.data))) return { error: "Only a draft can be deleted." };
  redirect("/admin/updates?deleted=1");
}

export interface RetryFormState {
  error?: string;
  message?: string;
}

/** Puts a failed email back in the queue for another round of attempts. Admins only. */
export async function retryFailedEmailAction(_previous: RetryFormState, formData: FormData): Promise<RetryFormState> {
  await requireAdmin("/admin/updates");
  const id = uuid.safeParse(formData.get("id"));
  if (!id.success) return { error: "That email is not in the list of failures." };
  const queued = await retryFailedEmails(await getDb(), [id.data]);
  if (queued === 0) return { error: "That email is no longer failed (it may have been retried already)." };
  nudgeAppDeliveryWorker();
  return { message: "Queued again: it will be sent within a few seconds." };
}
