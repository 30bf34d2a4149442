/**
 * Uploaded images on each database: an accepted upload is recorded with its variants' bytes in
 * the database store (read back byte for byte), a refused one stores nothing, covers belong to
 * their own campaign, and public campaign data carries the cover.
 */
import { count, eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, expect, it } from "vitest";
import { campaigns, imageVariants, images, updates } from "@/db/schema";
import { seedDatabase } from "@/db/seed/seed-database";
import { findPublicCampaign, listActiveCampaigns } from "@/lib/campaigns/campaign-queries";
import { renderMarkdownWithImages } from "@/lib/campaigns/render-article";
import { findImages, listImagesOf, setCampaignCover } from "@/lib/images/image-records";
import { databaseImageStore } from "@/lib/images/image-store";
import { IMAGE_MESSAGES } from "@/lib/images/process-image";
import { uploadImage, type ImageUploadInput } from "@/lib/images/upload-image";
import { renderUpdateEmailShell } from "@/lib/updates/update-email";
import { describeEachDatabase } from "../support/test-database";

const photo = () =>
  sharp({ create: { width: 1800, height: 1200, channels: 3, background: "#0f766e" } })
    .jpeg()
    .toBuffer();

describeEachDatabase("uploaded images", (db) => {
  let campaignId: string;
  let otherCampaignId: string;
  let slug: string;
  const input = (values: Partial<ImageUploadInput>): ImageUploadInput => ({
    owner: "campaign",
    ownerId: campaignId,
    altText: "Volunteers unload boxes of radios",
    useAsCover: false,
    file: "",
    ...values,
  });
  const stored = async () => ({
    images: (await db().select({ n: count() }).from(images))[0]!.n,
    variants: (await db().select({ n: count() }).from(imageVariants))[0]!.n,
  });

  beforeAll(async () => {
    await seedDatabase(db());
    const active = await listActiveCampaigns(db());
    campaignId = active[0]!.id;
    slug = active[0]!.slug;
    otherCampaignId = active[1]!.id;
  });

  it("records an upload and serves each variant's bytes back from the database store", async () => {
    const result = await uploadImage(db(), databaseImageStore, input({}), await photo());
    expect(result).toMatchObject({ ok: true, cover: false });
    if (!result.ok) return;
    const [row] = await db().select().from(images).where(eq(images.id, result.imageId));
    expect(row).toMatchObject({
      campaignId,
      updateId: null,
      altText: "Volunteers unload boxes of radios",
      width: 1600,
      height: 1067,
      widths: [480, 960, 1600],
      formats: ["webp", "jpeg"],
    });
    const variants = await db().select().from(imageVariants).where(eq(imageVariants.imageId, result.imageId));
    expect(variants.map((variant) => `${variant.width}.${variant.format}`).sort()).toEqual([
      "1600.jpeg",
      "1600.webp",
      "480.jpeg",
      "480.webp",
      "960.jpeg",
      "960.webp",
    ]);

    const bytes = await databaseImageStore.get(db(), result.imageId, 960, "webp");
    expect(Buffer.isBuffer(bytes)).toBe(true);
    expect(bytes!.equals(variants.find((variant) => variant.width === 960 && variant.format === "webp")!.bytes)).toBe(true);
    expect(await sharp(bytes!).metadata()).toMatchObject({ format: "webp", width: 960, height: 640 });
    expect(await databaseImageStore.get(db(), result.imageId, 700, "webp")).toBeNull();
    expect((await listImagesOf(db(), { campaignId })).map((image) => image.id)).toContain(result.imageId);
  });

  it("stores nothing for a refused file, an unknown owner or a missing alt text", async () => {
    const before = await stored();
    expect(await uploadImage(db(), databaseImageStore, input({}), Buffer.from("not an image, only named like one"))).toEqual({
      ok: false,
      field: "file",
      message: IMAGE_MESSAGES.notAnImage,
    });
    expect(await uploadImage(db(), databaseImageStore, input({ ownerId: "7e0c1a52-3b4d-4e5f-8a6b-7c8d9e0f1a2b" }), await photo())).toEqual({
      ok: false,
      field: "form",
      message: "This campaign no longer exists.",
    });
    // The database refuses a blank description even if a caller skipped the form's check.
    await expect(uploadImage(db(), databaseImageStore, input({ altText: "  " }), await photo())).rejects.toThrow();
    expect(await stored()).toEqual(before);
  });

  it("sets a cover only from the campaign's own images, and public data carries it", async () => {
    const result = await uploadImage(db(), databaseImageStore, input({ useAsCover: true, altText: "A lantern lit at dusk" }), await photo());
    expect(result).toMatchObject({ ok: true, cover: true });
    if (!result.ok) return;
    const page = await findPublicCampaign(db(), slug);
    expect(page?.coverImage).toEqual({
      id: result.imageId,
      altText: "A lantern lit at dusk",
      width: 1600,
      height: 1067,
      widths: [480, 960, 1600],
      formats: ["webp", "jpeg"],
    });
    expect((await listActiveCampaigns(db())).find((campaign) => campaign.id === campaignId)?.coverImage?.id).toBe(result.imageId);

    expect(await setCampaignCover(db(), otherCampaignId, result.imageId)).toBe(false);
    const [other] = await db().select({ cover: campaigns.coverImageId }).from(campaigns).where(eq(campaigns.id, otherCampaignId));
    expect(other!.cover).toBeNull();

    expect(await setCampaignCover(db(), campaignId, null)).toBe(true);
    expect((await findPublicCampaign(db(), slug))?.coverImage).toBeNull();
  });

  it("renders an article's own images and drops references to images that do not exist", async () => {
    const [image] = await listImagesOf(db(), { campaignId });
    const html = await renderMarkdownWithImages(db(), `![Radios](/images/${image!.id})\n\n![Gone](/images/6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d)`);
    expect(html).toContain(`srcset="/images/${image!.id}/480.webp 480w`);
    expect(html).toContain('alt="Radios"');
    expect(html).not.toContain("Gone");
    expect((await findImages(db(), [image!.id])).size).toBe(1);
  });

  it("keeps an update's images with the update, shows them in its email, and deletes them with it", async () => {
    const [update] = await db().insert(updates).values({ title: "Radios delivered", bodyMarkdown: "Text" }).returning({ id: updates.id });
    const result = await uploadImage(db(), databaseImageStore, input({ owner: "update", ownerId: update!.id, useAsCover: true }), await photo());
    expect(result).toMatchObject({ ok: true, cover: false });
    expect(await listImagesOf(db(), { updateId: update!.id })).toHaveLength(1);
    if (!result.ok) return;
    await db()
      .update(updates)
      .set({ bodyMarkdown: `The radios arrived.\n\n![Radios in crates](/images/${result.imageId})` })
      .where(eq(updates.id, update!.id));
    const email = await renderUpdateEmailShell(db(), update!.id, {
      appUrl: "https://give.example.org/",
      organisationName: "Lantern",
      linkSecret: "x".repeat(32),
    });
    expect(email?.html).toContain(`<img src="https://give.example.org/images/${result.imageId}/960.jpg" width="600" height="400" alt="Radios in crates"`);
    const before = await stored();
    await db().delete(updates).where(eq(updates.id, update!.id));
    expect(await stored()).toEqual({ images: before.images - 1, variants: before.variants - 6 });
  });
});
