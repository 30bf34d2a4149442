import sharp, { type Metadata, type OutputInfo, type SharpOptions } from "sharp";
import { IMAGE_MESSAGES, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, VARIANT_WIDTHS } from "./image-upload-rules";

export { IMAGE_MESSAGES, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, VARIANT_WIDTHS };

/*
 * An upload is trusted only once sharp has decoded it: the file name and the type the browser
 * claims say nothing. A decoded image is turned upright (EXIF orientation), converted to sRGB
 * and re-encoded, so nothing of the original file (EXIF, GPS position, comments) is kept.
 */

const WIDEST = VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]!;
/** Decoded formats accepted (sharp's names). */
const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp"]);

export type ImageFormat = "webp" | "jpeg" | "png";

export interface ImageVariant {
  width: number;
  height: number;
  format: ImageFormat;
  bytes: Buffer;
}

export interface ProcessedImage {
  /** Of the widest variant. */
  width: number;
  height: number;
  /** Ascending. */
  widths: number[];
  /** WebP first, then the fallback: JPEG, or PNG when the image has transparency. */
  formats: ImageFormat[];
  variants: ImageVariant[];
}

export type ProcessImageResult = { ok: true; image: ProcessedImage } | { ok: false; message: string };

/** Checks an uploaded file and makes its variants; a refusal says why in words for the form. */
export async function processImage(file: Uint8Array): Promise<ProcessImageResult> {
  if (file.byteLength === 0) return { ok: false, message: IMAGE_MESSAGES.empty };
  if (file.byteLength > MAX_IMAGE_BYTES) return { ok: false, message: IMAGE_MESSAGES.tooLarge };
  const options: SharpOptions = { limitInputPixels: MAX_IMAGE_PIXELS, failOn: "error" };

  let metadata: Metadata;
  try {
    // Only the header is read here, so no pixel limit yet: a too-large image gets its own message.
    metadata = await sharp(file, { ...options, limitInputPixels: false }).metadata();
  } catch {
    return { ok: false, message: IMAGE_MESSAGES.notAnImage };
  }
  if (!metadata.format || !ACCEPTED_FORMATS.has(metadata.format)) return { ok: false, message: IMAGE_MESSAGES.wrongFormat };
  if (!metadata.width || !metadata.height) return { ok: false, message: IMAGE_MESSAGES.notAnImage };
  if (metadata.width * (metadata.pageHeight ?? metadata.height) > MAX_IMAGE_PIXELS) return { ok: false, message: IMAGE_MESSAGES.tooManyPixels };

  // Decoded once, upright, in sRGB, at most the widest variant: every variant is made from this.
  let base: { data: Buffer; info: OutputInfo };
  try {
    base = await sharp(file, options)
      .rotate()
      .resize({ width: WIDEST, withoutEnlargement: true })
      .toColourspace("srgb")
      .raw({ depth: "uchar" })
      .toBuffer({ resolveWithObject: true });
  } catch {
    // A file whose header reads but whose pixels do not (truncated, corrupt).
    return { ok: false, message: IMAGE_MESSAGES.notAnImage };
  }
  const { width, height, channels } = base.info;
  const hasAlpha = channels === 4 || channels === 2;
  const formats: ImageFormat[] = ["webp", hasAlpha ? "png" : "jpeg"];
  const widths = [...VARIANT_WIDTHS.filter((candidate) => candidate < width), width];

  const variants: ImageVariant[] = [];
  for (const variantWidth of widths) {
    for (const format of formats) {
      const resized = sharp(base.data, { raw: { width, height, channels } }).resize({ width: variantWidth });
      const encoded =
        format === "webp"
          ? resized.webp({ quality: 80 })
          : format === "png"
            ? resized.png({ compressionLevel: 9, palette: false })
            : resized.jpeg({ quality: 82, mozjpeg: true });
      const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
      variants.push({ width: info.width, height: info.height, format, bytes: data });
    }
  }
  return { ok: true, image: { width, height, widths, formats, variants } };
}
