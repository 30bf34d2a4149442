/**
 * IMAGE_STORE=s3 (issue 22) against a local S3-compatible server (s3rver, started here on
 * 127.0.0.1): uploads go to the bucket and only metadata to the database, the image route's
 * store reads them back, a failed upload leaves nothing half-stored in either, and
 * `images:move-to-s3` moves database-held images and can run again.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { count } from "drizzle-orm";
import S3rver from "s3rver";
import sharp from "sharp";
import { afterAll, beforeAll, expect, it } from "vitest";
import { images, imageVariants } from "@/db/schema";
import { listActiveCampaigns } from "@/lib/campaigns/campaign-queries";
import { databaseImageStore } from "@/lib/images/image-store";
import { moveImagesToS3 } from "@/lib/images/move-images-to-s3";
import { S3ImageBucket, s3Client, s3ImageStore } from "@/lib/images/s3-image-store";
import { uploadImage, type ImageUploadInput } from "@/lib/images/upload-image";
import { describeEachDatabase } from "../support/test-database";

const BUCKET = "lantern-images";
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-s3rver-"));
const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: folder, configureBuckets: [{ name: BUCKET }] });
let endpoint: string;

beforeAll(async () => {
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await server.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

const photo = () =>
  sharp({ create: { width: 1400, height: 900, channels: 3, background: "#1d4ed8" } })
    .jpeg()
    .toBuffer();

function bucketOf(failUploadsOf?: RegExp): S3ImageBucket {
  const client = s3Client({ bucket: BUCKET, region: "us-east-1", endpoint, accessKeyId: "S3RVER", secretAccessKey: "S3RVER", forcePathStyle: true });
  // A store that fails some uploads, as a network or a full disk would.
  if (failUploadsOf)
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const key = (args.input as { Key?: string }).Key ?? "";
        if (context.commandName === "PutObjectCommand" && failUploadsOf.test(key)) throw new Error(`injected upload failure for ${key}`);
        return next(args);
      },
      { step: "initialize", name: "injectUploadFailure" },
    );
  return new S3ImageBucket(client, BUCKET);
}

describeEachDatabase(
  "images in an S3-compatible bucket",
  (db) => {
    let campaignId: string;
    const input = (): ImageUploadInput => ({ owner: "campaign", ownerId: campaignId, altText: "A radio on a kitchen table", useAsCover: false, file: "" });
    const objectKeys = async (prefix: string) =>
      ((await bucketOf().client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }))).Contents ?? []).map((object) => object.Key!).sort();
    const rowsOf = async () => ({
      images: (await db().select({ n: count() }).from(images))[0]!.n,
      variants: (await db().select({ n: count() }).from(imageVariants))[0]!.n,
    });

    beforeAll(async () => {
      campaignId = (await listActiveCampaigns(db()))[0]!.id;
    });

    it("stores each variant in the bucket and only what the image is in the database; reads them back", async () => {
      const store = s3ImageStore(bucketOf());
      const before = await rowsOf();
      const result = await uploadImage(db(), store, input(), await photo());
      if (!result.ok) throw new Error(result.message);
      const keys = await objectKeys(`images/${result.imageId}/`);
      expect(keys.length).toBeGreaterThanOrEqual(4);
      expect(keys).toContain(`images/${result.imageId}/480.webp`);
      expect(await rowsOf()).toEqual({ images: before.images + 1, variants: before.variants });
      const bytes = await store.get(db(), result.imageId, 480, "webp");
      expect((await sharp(bytes!).metadata()).format).toBe("webp");
      expect(await store.get(db(), result.imageId, 481, "webp")).toBeNull();
    });

    it("a failed upload leaves nothing: no object in the bucket, no image row", async () => {
      const before = await rowsOf();
      const keysBefore = await objectKeys("images/");
      await expect(uploadImage(db(), s3ImageStore(bucketOf(/\/960\.jpeg$/)), input(), await photo())).rejects.toThrow("injected upload failure");
      expect(await rowsOf()).toEqual(before);
      expect(await objectKeys("images/")).toEqual(keysBefore);
    });

    it("images:move-to-s3 moves database-held variants, checks each, deletes their rows, and can run again", async () => {
      const held = await uploadImage(db(), databaseImageStore, input(), await photo());
      if (!held.ok) throw new Error(held.message);
      const variants = (await rowsOf()).variants;
      expect(variants).toBeGreaterThanOrEqual(4);
      const original = await databaseImageStore.get(db(), held.imageId, 480, "jpeg");

      // Interrupted: one upload fails part-way; each variant is then in one place or both.
      await expect(moveImagesToS3(db(), bucketOf(/\/960\.webp$/), { batch: 2 })).rejects.toThrow("injected upload failure");
      const store = s3ImageStore(bucketOf());
      expect(await store.get(db(), held.imageId, 960, "webp")).not.toBeNull();

      const report = await moveImagesToS3(db(), bucketOf(), { batch: 2 });
      expect(report.moved).toBeGreaterThan(0);
      expect(report.moved).toBeLessThan(variants + 1);
      expect((await rowsOf()).variants).toBe(0);
      expect(await store.get(db(), held.imageId, 480, "jpeg")).toEqual(original);
      expect(await moveImagesToS3(db(), bucketOf())).toEqual({ moved: 0, bytes: 0 });
    });
  },
  { seed: true },
);
