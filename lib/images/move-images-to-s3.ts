import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { imageVariants } from "@/db/schema";
import type { Database } from "@/db/database";
import type { ImageFormat } from "./process-image";
import { imageObjectKey, type S3ImageBucket } from "./s3-image-store";

export interface MoveReport {
  moved: number;
  bytes: number;
}

/**
 * `npm run images:move-to-s3`: copies every variant still in the database to the bucket, checks
 * the bucket holds it whole, and only then deletes its row. Stopped at any point (or failing),
 * each variant is in the database, or in the bucket, or both — never in neither — and a second
 * run carries on; the S3 store reads the database for variants not yet moved.
 */
export async function moveImagesToS3(db: Database, bucket: S3ImageBucket, options: { batch?: number; log?: (line: string) => void } = {}): Promise<MoveReport> {
  const report: MoveReport = { moved: 0, bytes: 0 };
  for (;;) {
    const rows = await db
      .select()
      .from(imageVariants)
      .orderBy(asc(imageVariants.imageId), asc(imageVariants.width), asc(imageVariants.format))
      .limit(options.batch ?? 50);
    if (rows.length === 0) return report;
    for (const row of rows) {
      const key = imageObjectKey(row.imageId, row.width, row.format as ImageFormat);
      await bucket.put(key, row.bytes, row.format as ImageFormat);
      const stored = await bucket.size(key);
      if (stored !== row.bytes.byteLength) throw new Error(`${key}: the bucket holds ${stored ?? "no"} bytes, not ${row.bytes.byteLength}; its row was kept`);
      await db
        .delete(imageVariants)
        .where(and(eq(imageVariants.imageId, row.imageId), eq(imageVariants.width, row.width), eq(imageVariants.format, row.format)));
      report.moved += 1;
      report.bytes += row.bytes.byteLength;
    }
    options.log?.(`moved ${report.moved} variants (${(report.bytes / 1024 / 1024).toFixed(1)} MB) so far`);
  }
}
