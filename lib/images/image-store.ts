import "server-only";
import { and, eq } from "drizzle-orm";
import { imageVariants } from "@/db/schema";
import type { Executor } from "@/db/database";
import type { ImageFormat, ImageVariant } from "./process-image";

/**
 * Where variants' bytes live. The default keeps them in the database (image_variants), so a
 * PGlite folder or a PostgreSQL backup holds everything; IMAGE_STORE=s3 keeps them in an
 * S3-compatible bucket (lib/images/s3-image-store.ts).
 */
export interface ImageStore {
  /** Stores an image's variants, all or none; `executor` is the transaction that records the image. */
  put(executor: Executor, imageId: string, variants: ImageVariant[]): Promise<void>;
  /** One variant's bytes, or null when there is none. */
  get(executor: Executor, imageId: string, width: number, format: ImageFormat): Promise<Buffer | null>;
  /** Removes what `put` stored, when the transaction recording the image failed after it. */
  discard(imageId: string, variants: Pick<ImageVariant, "width" | "format">[]): Promise<void>;
}

export const databaseImageStore: ImageStore = {
  async put(executor, imageId, variants) {
    if (variants.length === 0) return;
    await executor.insert(imageVariants).values(variants.map((variant) => ({ imageId, width: variant.width, format: variant.format, bytes: variant.bytes })));
  },
  async get(executor, imageId, width, format) {
    const [row] = await executor
      .select({ bytes: imageVariants.bytes })
      .from(imageVariants)
      .where(and(eq(imageVariants.imageId, imageId), eq(imageVariants.width, width), eq(imageVariants.format, format)));
    return row?.bytes ?? null;
  },
  // The rows went with the transaction's rollback.
  async discard() {},
};
