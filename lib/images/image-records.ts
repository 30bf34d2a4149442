import "server-only";
import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray } from "drizzle-orm";
import { campaigns, images } from "@/db/schema";
import type { Database, Executor } from "@/db/database";
import type { ImageStore } from "./image-store";
import type { ImageFormat, ProcessedImage } from "./process-image";
import type { RenderableImage } from "./picture";
import { logger } from "@/lib/observability/logger";

const log = logger("images");

/** Whose image it is: a campaign (cover, article) or an update. */
export type ImageOwner = { campaignId: string } | { updateId: string };

const renderableColumns = {
  id: images.id,
  altText: images.altText,
  width: images.width,
  height: images.height,
  widths: images.widths,
  formats: images.formats,
};

function toRenderable(row: { id: string; altText: string; width: number; height: number; widths: number[]; formats: string[] }): RenderableImage {
  return { ...row, formats: row.formats as ImageFormat[] };
}

/**
 * Records a processed upload and stores its variants, in one transaction; returns its id.
 * `inTransaction` runs last in that transaction (making it the cover, the audit row).
 */
export async function recordImage(
  db: Database,
  store: ImageStore,
  owner: ImageOwner,
  altText: string,
  image: ProcessedImage,
  inTransaction?: (tx: Executor, imageId: string) => Promise<void>,
): Promise<string> {
  // The id is chosen here, so that bytes stored outside the database can be removed when the
  // transaction recording the image fails after they were stored.
  const id = randomUUID();
  try {
    return await recordImageRow(db, store, owner, altText, image, id, inTransaction);
  } catch (error) {
    await store.discard(id, image.variants).catch((cleanup: unknown) => log.error({ err: cleanup, imageId: id }, "could not remove the bytes of an image"));
    throw error;
  }
}

async function recordImageRow(
  db: Database,
  store: ImageStore,
  owner: ImageOwner,
  altText: string,
  image: ProcessedImage,
  id: string,
  inTransaction?: (tx: Executor, imageId: string) => Promise<void>,
): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(images)
      .values({
        id,
        ...("campaignId" in owner ? { campaignId: owner.campaignId } : { updateId: owner.updateId }),
        altText,
        width: image.width,
        height: image.height,
        widths: image.widths,
        formats: image.formats,
      })
      .returning({ id: images.id });
    await store.put(tx, row!.id, image.variants);
    await inTransaction?.(tx, row!.id);
    return row!.id;
  });
}

/** The images of a campaign or an update, newest first. */
export async function listImagesOf(db: Executor, owner: ImageOwner): Promise<RenderableImage[]> {
  const rows = await db
    .select(renderableColumns)
    .from(images)
    .where("campaignId" in owner ? eq(images.campaignId, owner.campaignId) : eq(images.updateId, owner.updateId))
    .orderBy(desc(images.createdAt), desc(images.id));
  return rows.map(toRenderable);
}

/** The images with these ids (those that exist), by id. */
export async function findImages(db: Executor, ids: string[]): Promise<Map<string, RenderableImage>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select(renderableColumns).from(images).where(inArray(images.id, ids));
  return new Map(rows.map((row) => [row.id, toRenderable(row)]));
}

/**
 * Makes one of the campaign's own images its cover, or removes the cover (`imageId` null).
 * False when the image is not this campaign's.
 */
export async function setCampaignCover(db: Executor, campaignId: string, imageId: string | null): Promise<boolean> {
  if (imageId !== null) {
    const [owned] = await db
      .select({ id: images.id })
      .from(images)
      .where(and(eq(images.id, imageId), eq(images.campaignId, campaignId)));
    if (!owned) return false;
  }
  const updated = await db.update(campaigns).set({ coverImageId: imageId }).where(eq(campaigns.id, campaignId)).returning({ id: campaigns.id });
  return updated.length === 1;
}
