"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { adminCall, adminFormAction, textFields, type AdminFormState } from "@/lib/admin/admin-action";
import { revalidateUpdates } from "@/lib/campaigns/cache-tags";
import { renderMarkdownWithImages } from "@/lib/campaigns/render-article";
import { nudgeAppDeliveryWorker } from "@/lib/email/app-delivery-worker";
import { retryFailedEmails } from "@/lib/email/outbox";
import { publishUpdate } from "@/lib/updates/publish-update";
import { updateSnapshot } from "@/lib/audit/audit-snapshots";
import { deleteDraftUpdate, saveUpdate } from "@/lib/updates/save-update";
import { publishFormSchema, updateFormSchema, updateFormValuesFrom, type PublishFormValues, type UpdateFormValues } from "@/lib/updates/update-form";

export type UpdateFormState = AdminFormState<UpdateFormValues>;
export type PublishFormState = AdminFormState<PublishFormValues>;
export type EmailFormState = AdminFormState<{ id: string }>;

const updateId = z.uuid();
const emailIdForm = z.object({ id: z.uuid("That email is not in the list.") });

/** Saves the update editor (creates a draft when there is no id). Admins only. */
export const saveUpdateAction = adminFormAction({
  name: "saveUpdateAction",
  page: "/admin/updates",
  read: updateFormValuesFrom,
  schema: updateFormSchema,
  run: async (input, { formData, audited }) => {
    const rawId = formData.get("id");
    const id = typeof rawId === "string" && rawId !== "" ? rawId : undefined;
    if (id !== undefined && !updateId.safeParse(id).success) return { errors: { form: "This update no longer exists." } };
    const { saved } = await audited(
      async (tx) => {
        const before = id ? await updateSnapshot(tx, id) : null;
        const saved = await saveUpdate(tx, input, id);
        return { saved, before, after: saved.ok ? await updateSnapshot(tx, saved.id) : null };
      },
      ({ saved, before, after }) =>
        saved.ok ? { kind: id ? "update.edited" : "update.created", object: { type: "update", id: saved.id, label: input.title }, before, after } : null,
    );
    if (!saved.ok) return { errors: saved.errors };
    // A correction to a published update shows on the public pages at once (it is never emailed again).
    if (saved.published) await revalidateUpdates();
    redirect(`/admin/updates/${saved.id}?saved=1`);
  },
});

/** The update as the site and the email show it: the articles' renderer and sanitiser. Admins only. */
export const previewUpdateMarkdownAction = adminCall(
  { name: "previewUpdateMarkdownAction", page: "/admin/updates" },
  z.string().max(200_000),
  async (markdown) => renderMarkdownWithImages(await getDb(), markdown),
  "",
);

/** Publishes a draft and queues its emails, after the audience is chosen and the admin confirms. Admins only. */
export const publishUpdateAction = adminFormAction({
  name: "publishUpdateAction",
  page: "/admin/updates",
  read: (formData) => textFields(formData, ["id", "audience", "confirm"]),
  schema: publishFormSchema,
  run: async (input, { audited }) => {
    const { result } = await audited(
      async (tx) => {
        const before = await updateSnapshot(tx, input.id);
        const result = await publishUpdate(tx, input.id, input.audience);
        return { result, before, after: result.ok ? await updateSnapshot(tx, input.id) : null };
      },
      ({ result, before, after }) =>
        result.ok ? { kind: "update.published", object: { type: "update", id: input.id, label: (after?.title as string) ?? null }, before, after } : null,
    );
    if (!result.ok) return { errors: { form: result.error } };
    await revalidateUpdates();
    nudgeAppDeliveryWorker();
    redirect(`/admin/updates/${input.id}?published=${result.recipients}`);
  },
});

/** Deletes a draft (published updates stay). Admins only. */
export const deleteDraftUpdateAction = adminFormAction({
  name: "deleteDraftUpdateAction",
  page: "/admin/updates",
  read: (formData) => textFields(formData, ["id"]),
  schema: emailIdForm,
  run: async ({ id }, { audited }) => {
    const deleted = await audited(
      async (tx) => {
        const before = await updateSnapshot(tx, id);
        return (await deleteDraftUpdate(tx, id)) ? before : null;
      },
      (before) => (before ? { kind: "update.deleted", object: { type: "update", id, label: (before.title as string) ?? null }, before } : null),
    );
    if (!deleted) return { errors: { form: "Only a draft can be deleted." } };
    redirect("/admin/updates?deleted=1");
  },
});

/** Puts an email that ran out of attempts back in the queue. Admins only. */
export const retryFailedEmailAction = adminFormAction({
  name: "retryFailedEmailAction",
  page: "/admin/updates",
  read: (formData) => textFields(formData, ["id"]),
  schema: emailIdForm,
  run: async ({ id }, { audited }) => {
    const retried = await audited(
      (tx) => retryFailedEmails(tx, [id]),
      (count) => (count > 0 ? { kind: "email.retried", object: { type: "email", id }, before: { status: "failed" }, after: { status: "pending" } } : null),
    );
    if (retried === 0) return { errors: { form: "That email is no longer failed (it may have been retried already)." } };
    nudgeAppDeliveryWorker();
    return { message: "Queued again: it will be sent within a few seconds." };
  },
});
