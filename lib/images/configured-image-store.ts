import "server-only";
import { env } from "@/lib/env";
import { databaseImageStore, type ImageStore } from "./image-store";
import { S3ImageBucket, s3Client, s3ImageStore, type S3Settings } from "./s3-image-store";

/** IMAGE_STORE=s3's settings, or null for the database store. */
export function s3SettingsFromEnv(): S3Settings | null {
  const settings = env();
  if (settings.IMAGE_STORE !== "s3") return null;
  return {
    bucket: settings.S3_BUCKET!,
    region: settings.S3_REGION,
    endpoint: settings.S3_ENDPOINT,
    accessKeyId: settings.S3_ACCESS_KEY_ID,
    secretAccessKey: settings.S3_SECRET_ACCESS_KEY,
    forcePathStyle: settings.S3_FORCE_PATH_STYLE === "true",
  };
}

let configured: ImageStore | undefined;

/** The store this installation uses (IMAGE_STORE); one S3 client per process. */
export function imageStore(): ImageStore {
  if (configured) return configured;
  const s3 = s3SettingsFromEnv();
  configured = s3 ? s3ImageStore(new S3ImageBucket(s3Client(s3), s3.bucket)) : databaseImageStore;
  return configured;
}
