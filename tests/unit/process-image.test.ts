/**
 * Uploads are checked by decoding them with sharp (never by name or claimed type) and made into
 * a few widths of WebP plus a JPEG or PNG fallback, upright, with nothing of the original's
 * metadata. Test images are drawn here with sharp, not committed.
 */
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { IMAGE_MESSAGES, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, processImage, type ProcessedImage } from "@/lib/images/process-image";

function draw(width: number, height: number, channels: 3 | 4 = 3) {
  return sharp({ create: { width, height, channels, background: channels === 4 ? { r: 200, g: 40, b: 40, alpha: 0.5 } : "#c2410c" } });
}

async function processed(file: Uint8Array): Promise<ProcessedImage> {
  const result = await processImage(file);
  if (!result.ok) throw new Error(result.message);
  return result.image;
}

describe("image uploads", () => {
  it("refuses a file that is not an image, whatever its name says", async () => {
    expect(await processImage(Buffer.from("Just some text saved as photo.jpg\n".repeat(50)))).toEqual({ ok: false, message: IMAGE_MESSAGES.notAnImage });
    expect(await processImage(new Uint8Array(0))).toEqual({ ok: false, message: IMAGE_MESSAGES.empty });
  });

  it("refuses a truncated image whose header reads but whose pixels do not", async () => {
    const jpeg = await draw(800, 600).jpeg().toBuffer();
    expect(await processImage(jpeg.subarray(0, Math.floor(jpeg.length / 3)))).toEqual({ ok: false, message: IMAGE_MESSAGES.notAnImage });
  });

  it("refuses images in other formats (GIF, SVG)", async () => {
    expect(await processImage(await draw(40, 40).gif().toBuffer())).toEqual({ ok: false, message: IMAGE_MESSAGES.wrongFormat });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40"/></svg>');
    expect(await processImage(svg)).toEqual({ ok: false, message: IMAGE_MESSAGES.wrongFormat });
  });

  it("refuses a file over 10 MB before decoding it", async () => {
    const jpeg = await draw(100, 100).jpeg().toBuffer();
    const tooLarge = Buffer.concat([jpeg, Buffer.alloc(MAX_IMAGE_BYTES + 1 - jpeg.length)]);
    expect(tooLarge.byteLength).toBe(MAX_IMAGE_BYTES + 1);
    expect(await processImage(tooLarge)).toEqual({ ok: false, message: IMAGE_MESSAGES.tooLarge });
    expect(IMAGE_MESSAGES.tooLarge).toContain("10 MB");
  });

  it("refuses an image of more than 40 megapixels, even a small file", async () => {
    const png = await draw(10_000, 4_001).png({ compressionLevel: 9 }).toBuffer();
    expect(png.byteLength).toBeLessThan(MAX_IMAGE_BYTES);
    expect(10_000 * 4_001).toBeGreaterThan(MAX_IMAGE_PIXELS);
    expect(await processImage(png)).toEqual({ ok: false, message: IMAGE_MESSAGES.tooManyPixels });
  });

  it.each([
    ["JPEG", () => draw(2400, 1200).jpeg().toBuffer()],
    ["PNG", () => draw(2400, 1200).png().toBuffer()],
    ["WebP", () => draw(2400, 1200).webp().toBuffer()],
  ])("makes 480, 960 and 1600 pixel wide WebP and JPEG copies of a %s", async (_name, make) => {
    const image = await processed(await make());
    expect(image).toMatchObject({ width: 1600, height: 800, widths: [480, 960, 1600], formats: ["webp", "jpeg"] });
    const made = await Promise.all(
      image.variants.map(async (variant) => {
        const metadata = await sharp(variant.bytes).metadata();
        return `${metadata.format} ${metadata.width}x${metadata.height}`;
      }),
    );
    expect(made).toEqual(["webp 480x240", "jpeg 480x240", "webp 960x480", "jpeg 960x480", "webp 1600x800", "jpeg 1600x800"]);
  });

  it("never enlarges: a narrow image keeps its own width as the widest copy", async () => {
    const image = await processed(await draw(700, 300).jpeg().toBuffer());
    expect(image.widths).toEqual([480, 700]);
    expect(image).toMatchObject({ width: 700, height: 300 });
    const tiny = await processed(await draw(200, 100).png().toBuffer());
    expect(tiny.widths).toEqual([200]);
  });

  it("keeps transparency: PNG is the fallback when the image has an alpha channel", async () => {
    const image = await processed(await draw(600, 400, 4).png().toBuffer());
    expect(image.formats).toEqual(["webp", "png"]);
    const png = image.variants.find((variant) => variant.format === "png" && variant.width === 600)!;
    expect((await sharp(png.bytes).metadata()).hasAlpha).toBe(true);
  });

  it("turns a photo upright from its EXIF orientation and strips EXIF (camera, location, copyright)", async () => {
    // 1200 × 600 as stored, tagged "rotate 90° clockwise to view": 600 × 1200 upright.
    const photo = await draw(1200, 600)
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExifMerge({ IFD0: { Copyright: "Somebody else", Make: "PhoneMaker" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "39/1 1/1 0/1" } })
      .toBuffer();
    const before = await sharp(photo).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.toString("latin1")).toContain("Somebody else");

    const image = await processed(photo);
    expect(image).toMatchObject({ width: 600, height: 1200, widths: [480, 600] });
    for (const variant of image.variants) {
      const metadata = await sharp(variant.bytes).metadata();
      expect(metadata.exif).toBeUndefined();
      expect(metadata.orientation).toBeUndefined();
      expect(metadata.height! > metadata.width!).toBe(true);
      expect(variant.bytes.includes(Buffer.from("Somebody else"))).toBe(false);
      expect(variant.bytes.includes(Buffer.from("PhoneMaker"))).toBe(false);
    }
  });
});
