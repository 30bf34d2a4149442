import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { campaigns, updates } from "@/db/schema";
import type { Database, Executor } from "@/db/database";
import { recordImage, setCampaignCover, type ImageOwner } from "./image-records";
import type { ImageStore } from "./image-store";
import { processImage } from "./process-image";

/** The upload form as posted (the file itself travels beside these). */
export interface ImageUploadValues {
  owner: string;
  ownerId: string;
  altText: string;
  useAsCover: boolean;
  /** Only ever carries the file's message. */
  file: string;
}

export const MAX_ALT_TEXT_LENGTH = 300;

export const imageUploadSchema = z.object({
  owner: z.enum(["campaign", "update"], "Something went wrong with this form. Please reload the page and try again."),
  ownerId: z.uuid("Something went wrong with this form. Please reload the page and try again."),
  altText: z
    .string()
    .trim()
    .min(1, "Describe the picture for readers who cannot see it (alt text is required).")
    .max(MAX_ALT_TEXT_LENGTH, `Keep the description under ${MAX_ALT_TEXT_LENGTH} characters; put more in the article's text.`),
  useAsCover: z.boolean(),
  file: z.string(),
});
export type ImageUploadInput = z.infer<typeof imageUploadSchema>;

export function imageUploadValuesFrom(formData: FormData): ImageUploadValues {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  return { owner: text("owner"), ownerId: text("ownerId"), altText: text("altText"), useAsCover: formData.get("useAsCover") === "on", file: "" };
}

export type UploadImageResult = { ok: true; imageId: string; cover: boolean } | { ok: false; field: "file" | "form"; message: string };

/**
 * Checks and resizes an upload, then records it for its campaign or update (and makes it the
 * campaign's cover when asked), with `audit` writing its audit row, in one transaction. A
 * refused file stores nothing.
 */
export async function uploadImage(
  db: Database,
  store: ImageStore,
  input: ImageUploadInput,
  file: Uint8Array,
  audit?: (tx: Executor, uploaded: { imageId: string; cover: boolean }) => Promise<void>,
): Promise<UploadImageResult> {
  const owner: ImageOwner = input.owner === "campaign" ? { campaignId: input.ownerId } : { updateId: input.ownerId };
  if (!(await ownerExists(db, owner))) return { ok: false, field: "form", message: `This ${input.owner} no longer exists.` };
  const processed = await processImage(file);
  if (!processed.ok) return { ok: false, field: "file", message: processed.message };
  let cover = false;
  const imageId = await recordImage(db, store, owner, input.altText, processed.image, async (tx, id) => {
    cover = input.useAsCover && "campaignId" in owner && (await setCampaignCover(tx, owner.campaignId, id));
    await audit?.(tx, { imageId: id, cover });
  });
  return { ok: true, imageId, cover };
}

async function ownerExists(db: Database, owner: ImageOwner): Promise<boolean> {
  const rows =
    "campaignId" in owner
      ? await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, owner.campaignId))
      : await db.select({ id: updates.id }).from(updates).where(eq(updates.id, owner.updateId));
  return rows.length === 1;
}
