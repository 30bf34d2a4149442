"use server";

import { campaignSnapshot } from "@/lib/audit/audit-snapshots";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { adminFormAction, textFields, type AdminFormState } from "@/lib/admin/admin-action";
import { revalidateCampaignCover } from "@/lib/campaigns/cache-tags";
import { setCampaignCover } from "@/lib/images/image-records";
import { imageStore } from "@/lib/images/configured-image-store";
import { IMAGE_MESSAGES, MAX_IMAGE_BYTES } from "@/lib/images/image-upload-rules";
import { imageUploadSchema, imageUploadValuesFrom, uploadImage, type ImageUploadValues } from "@/lib/images/upload-image";

export type ImageUploadState = AdminFormState<ImageUploadValues>;
export type CoverFormState = AdminFormState<{ campaignId: string; imageId: string }>;

const adminPageOf = (owner: "campaign" | "update", id: string) => `/admin/${owner === "campaign" ? "campaigns" : "updates"}/${id}`;

/** Uploads an image for a campaign or an update (alt text required). Admins only. */
export const uploadImageAction = adminFormAction({
  name: "uploadImageAction",
  page: "/admin/campaigns",
  read: imageUploadValuesFrom,
  schema: imageUploadSchema,
  run: async (input, { values, formData, actor }) => {
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0) return { errors: { file: IMAGE_MESSAGES.empty } };
    // Refused before reading it into memory; processImage checks again.
    if (file.size > MAX_IMAGE_BYTES) return { errors: { file: IMAGE_MESSAGES.tooLarge } };
    const result = await uploadImage(await getDb(), imageStore(), input, new Uint8Array(await file.arrayBuffer()), (tx, uploaded) =>
      recordAuditEvent(tx, actor, {
        kind: "image.uploaded",
        object: { type: "image", id: uploaded.imageId },
        after: { ownerType: input.owner, ownerId: input.ownerId, cover: uploaded.cover, bytes: file.size },
      }),
    );
    if (!result.ok) return { errors: { [result.field]: result.message } };
    if (result.cover) await revalidateCampaignCover(input.ownerId);
    revalidatePath(adminPageOf(input.owner, input.ownerId));
    return {
      message: result.cover
        ? "Image uploaded and set as the cover. The public pages show it now."
        : "Image uploaded. Copy its Markdown into the text to show it.",
      // A fresh form for the next image.
      values: { ...values, altText: "", useAsCover: false },
    };
  },
});

const coverForm = z.object({
  campaignId: z.uuid("This campaign no longer exists."),
  imageId: z.union([z.uuid("That image is not one of this campaign's."), z.literal("")]),
});

/** Makes one of the campaign's images its cover, or removes the cover (empty image id). Admins only. */
export const setCampaignCoverAction = adminFormAction({
  name: "setCampaignCoverAction",
  page: "/admin/campaigns",
  read: (formData) => textFields(formData, ["campaignId", "imageId"]),
  schema: coverForm,
  run: async (input, { audited }) => {
    const done = await audited(
      async (tx) => {
        const before = await campaignSnapshot(tx, input.campaignId);
        return (await setCampaignCover(tx, input.campaignId, input.imageId || null)) ? { before, after: await campaignSnapshot(tx, input.campaignId) } : null;
      },
      (change) =>
        change
          ? { kind: "campaign.cover-set", object: { type: "campaign", id: input.campaignId, label: (change.after?.title as string) ?? null }, ...change }
          : null,
    );
    if (!done) return { errors: { form: "That image is not one of this campaign's." } };
    await revalidateCampaignCover(input.campaignId);
    revalidatePath(adminPageOf("campaign", input.campaignId));
    return { message: input.imageId ? "Cover changed. The public pages show it now." : "Cover removed: the pages show a generated card instead." };
  },
});
