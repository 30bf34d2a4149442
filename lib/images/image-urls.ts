import type { ImageFormat } from "./process-image";

/*
 * Image addresses. A variant's bytes never change once made (an image is never edited, only
 * replaced by a new upload with a new id), so /images/<id>/<width>.<ext> is cached for good.
 * Articles refer to an image as /images/<id>; the page renders it with every variant.
 */

const EXTENSIONS: Record<ImageFormat, string> = { webp: "webp", jpeg: "jpg", png: "png" };
const CONTENT_TYPES: Record<ImageFormat, string> = { webp: "image/webp", jpeg: "image/jpeg", png: "image/png" };
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** `/images/<id>` as written in Markdown (optionally with a trailing slash). */
export const IMAGE_REFERENCE_PATTERN = new RegExp(`^/images/(${UUID})/?$`);
/** Every image reference in a text: to load the images an article names. */
const IMAGE_REFERENCE_GLOBAL = new RegExp(`/images/(${UUID})`, "g");
/** A variant's address. */
const VARIANT_PATTERN = new RegExp(`^/images/(${UUID})/([1-9][0-9]{0,4})\\.(webp|jpg|png)$`);

export function imageReference(imageId: string): string {
  return `/images/${imageId}`;
}

export function variantUrl(imageId: string, width: number, format: ImageFormat): string {
  return `/images/${imageId}/${width}.${EXTENSIONS[format]}`;
}

export function contentTypeOf(format: ImageFormat): string {
  return CONTENT_TYPES[format];
}

/** Is this one of Lantern's own variant addresses (`/images/<id>/<width>.<ext>`)? */
export function isVariantUrl(address: string): boolean {
  return VARIANT_PATTERN.test(address);
}

/** The image, width and format a variant file name names (`960.webp`), or null. */
export function parseVariantPath(imageId: string, file: string): { imageId: string; width: number; format: ImageFormat } | null {
  const match = VARIANT_PATTERN.exec(`/images/${imageId}/${file}`);
  if (!match) return null;
  const format = (Object.keys(EXTENSIONS) as ImageFormat[]).find((candidate) => EXTENSIONS[candidate] === match[3])!;
  return { imageId: match[1]!, width: Number(match[2]), format };
}

/** Ids of the images a Markdown text refers to, each once. */
export function referencedImageIds(markdown: string): string[] {
  return [...new Set([...markdown.matchAll(IMAGE_REFERENCE_GLOBAL)].map((match) => match[1]!))];
}
