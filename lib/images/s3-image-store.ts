import "server-only";
import { DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import type { Executor } from "@/db/database";
import { contentTypeOf } from "./image-urls";
import type { ImageFormat } from "./process-image";
import { databaseImageStore, type ImageStore } from "./image-store";
import { logger } from "@/lib/observability/logger";

const log = logger("images");

/** IMAGE_STORE=s3: the bucket and how to reach it (lib/env, .env.example). */
export interface S3Settings {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

/** One object per variant; the key never changes, like the variant's address. */
export const imageObjectKey = (imageId: string, width: number, format: ImageFormat) => `images/${imageId}/${width}.${format}`;

const YEAR = "public, max-age=31536000, immutable";

export function s3Client(settings: S3Settings): S3Client {
  return new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials:
      settings.accessKeyId && settings.secretAccessKey ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } : undefined,
    // Checksums only where S3 requires them: other S3-compatible stores refuse the SDK's newer
    // default (CRC32 trailers on every upload).
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    // The SDK's own retries (3 tries, backoff) for throttling and 5xx.
    maxAttempts: 3,
  });
}

const isMissing = (error: unknown) =>
  error instanceof S3ServiceException && (error.name === "NoSuchKey" || error.name === "NotFound" || error.$metadata.httpStatusCode === 404);

/** The bucket's side of the S3 image store, also used by `npm run images:move-to-s3`. */
export class S3ImageBucket {
  constructor(
    readonly client: S3Client,
    readonly bucket: string,
  ) {}

  async put(key: string, bytes: Buffer, format: ImageFormat): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentTypeOf(format), CacheControl: YEAR }));
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return object.Body ? Buffer.from(await object.Body.transformToByteArray()) : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /** The stored size, or null when there is no such object. */
  async size(key: string): Promise<number | null> {
    try {
      return (await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }))).ContentLength ?? null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (let start = 0; start < keys.length; start += 1000) {
      const batch = keys.slice(start, start + 1000);
      await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
    }
  }
}

/**
 * Images in an S3-compatible bucket; the database keeps only what each image is (images).
 * An upload is all or nothing: when one variant fails, the others already uploaded are deleted
 * and the error rolls back the transaction recording the image. A variant not in the bucket is
 * looked for in the database, so images not yet moved (`npm run images:move-to-s3`) keep showing.
 */
export function s3ImageStore(bucket: S3ImageBucket): ImageStore {
  return {
    async put(_executor, imageId, variants) {
      const keys = variants.map((variant) => imageObjectKey(imageId, variant.width, variant.format));
      const results = await Promise.allSettled(variants.map((variant, index) => bucket.put(keys[index]!, variant.bytes, variant.format)));
      const failed = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
      if (!failed) return;
      const stored = keys.filter((_, index) => results[index]!.status === "fulfilled");
      await bucket.delete(stored).catch((error: unknown) => log.error({ err: error, keys: stored }, "could not delete the parts of a failed upload"));
      throw failed.reason;
    },
    async get(executor: Executor, imageId, width, format) {
      return (await bucket.get(imageObjectKey(imageId, width, format))) ?? databaseImageStore.get(executor, imageId, width, format);
    },
    async discard(imageId, variants) {
      await bucket.delete(variants.map((variant) => imageObjectKey(imageId, variant.width, variant.format)));
    },
  };
}
