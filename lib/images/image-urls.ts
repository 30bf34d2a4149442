import { z } from "zod";
import type { ImageFormat } from "./process-image";

/*
 * Image addresses. A variant's bytes never change once made (an image is never edited, only
 * replaced by a new upload with a new id), so /images/<id>/<width>.<ext> is cached for good.
 * Articles refer to an image as /images/<id>; the page renders it with every variant.
 */

const EXTENSIONS: Record<ImageFormat, string> = { webp: "webp", jpeg: "jpg", png: "png" };
const CONTENT_TYPES: Record<ImageFormat, string> = { webp: "image/webp", jpeg: "image/jpeg", png: "image/png" };
/** Where an id may stand in an address; whether it is an id is z.uuid()'s to say (isImageId). */
const ID_SHAPE = "[0-9A-Fa-f-]{36}";
const isImageId = (value: string) => z.uuid().safeParse(value).success;

/** `/images/<id>` as written in Markdown (optionally with a trailing slash). */
const IMAGE_REFERENCE_PATTERN = new RegExp(`^/images/(${ID_SHAPE})/?$`);
/** Every image reference in a text: to load the images an article names. */
const IMAGE_REFERENCE_GLOBAL = new RegExp(`/images/(${ID_SHAPE})`, "g");
/** A variant's address. */
const VARIANT_PATTERN = new RegExp(`^/images/(${ID_SHAPE})/([1-9][0-9]{0,4})\\.(webp|jpg|png)$`);

/** The image id an article's `/images/<id>` link names, or null. */
export function referencedImageId(address: string): string | null {
  const id = IMAGE_REFERENCE_PATTERN.exec(address)?.[1];
  return id !== undefined && isImageId(id) ? id : null;
}

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
  const match = VARIANT_PATTERN.exec(address);
  return match !== null && isImageId(match[1]!);
}

/** The image, width and format a variant file name names (`960.webp`), or null. */
export function parseVariantPath(imageId: string, file: string): { imageId: string; width: number; format: ImageFormat } | null {
  const match = VARIANT_PATTERN.exec(`/images/${imageId}/${file}`);
  if (!match || !isImageId(match[1]!)) return null;
  const format = (Object.keys(EXTENSIONS) as ImageFormat[]).find((candidate) => EXTENSIONS[candidate] === match[3])!;
  return { imageId: match[1]!, width: Number(match[2]), format };
}

/** Ids of the images a Markdown text refers to, each once. */
export function referencedImageIds(markdown: string): string[] {
  return [...new Set([...markdown.matchAll(IMAGE_REFERENCE_GLOBAL)].map((match) => match[1]!).filter(isImageId))];
}
