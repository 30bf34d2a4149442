/**
 * `npm run images:move-to-s3`: moves uploaded images' bytes from the database to the bucket of
 * IMAGE_STORE=s3 (S3_* settings), checking each object before deleting its row. Safe to run
 * again after a failure or an interruption, and while the site runs. Exit 0 when every variant
 * is in the bucket, 1 otherwise.
 */
import path from "node:path";
import { openPglite, openPostgres, prepareDatabase } from "@/db/open";
import { s3SettingsFromEnv } from "@/lib/images/configured-image-store";
import { moveImagesToS3 } from "@/lib/images/move-images-to-s3";
import { S3ImageBucket, s3Client } from "@/lib/images/s3-image-store";
import { environmentIsValid, runCommand } from "./support/command";

async function main(): Promise<number> {
  if (!environmentIsValid()) return 1;
  const settings = s3SettingsFromEnv();
  if (!settings) {
    console.error("images:move-to-s3: set IMAGE_STORE=s3 and the S3_* settings (see .env.example) first.");
    return 1;
  }
  const url = process.env.DATABASE_URL;
  if (!url) console.info("(Embedded database: stop the server first; PGlite allows one process per data folder.)");
  const open = url ? await openPostgres(url, 2) : await openPglite(path.resolve(process.env.LANTERN_DATA_DIR || ".data", "pglite"));
  try {
    await prepareDatabase(open, { seed: false });
    const report = await moveImagesToS3(open.db, new S3ImageBucket(s3Client(settings), settings.bucket), { log: console.log });
    console.log(
      `images:move-to-s3: ${report.moved} variants moved to s3://${settings.bucket} (${(report.bytes / 1024 / 1024).toFixed(1)} MB); none left in the database`,
    );
    return 0;
  } finally {
    await open.close();
  }
}

runCommand(main, "images:move-to-s3 failed");
