import type { ImageFormat } from "./process-image";
import { contentTypeOf, variantUrl } from "./image-urls";

/** What a page needs to draw an uploaded image: its variants and its description. */
export interface RenderableImage {
  id: string;
  altText: string;
  /** Of the widest variant. */
  width: number;
  height: number;
  widths: number[];
  /** Modern formats first, the fallback last. */
  formats: ImageFormat[];
}

export interface PictureSources {
  /** `<source>`s, modern formats first. */
  sources: { type: string; srcSet: string }[];
  /** The `<img>`: the fallback format. */
  img: { src: string; srcSet: string; width: number; height: number };
}

/**
 * A `<picture>`'s sources: each format with every width (`srcset` … `480w, 960w`), so the
 * browser picks the smallest file that fills the slot `sizes` describes. The `<img>` has the
 * fallback format and the intrinsic size (no layout shift).
 */
export function pictureSources(image: RenderableImage, preferredWidth = 960): PictureSources {
  const srcSet = (format: ImageFormat) => image.widths.map((width) => `${variantUrl(image.id, width, format)} ${width}w`).join(", ");
  const fallback = image.formats[image.formats.length - 1]!;
  const srcWidth = image.widths.find((width) => width >= preferredWidth) ?? image.widths[image.widths.length - 1]!;
  return {
    sources: image.formats.slice(0, -1).map((format) => ({ type: contentTypeOf(format), srcSet: srcSet(format) })),
    img: { src: variantUrl(image.id, srcWidth, fallback), srcSet: srcSet(fallback), width: image.width, height: image.height },
  };
}

/** The widest fallback variant (JPEG or PNG): what link previews are given. */
export function shareVariant(image: RenderableImage): { url: string; width: number; height: number; type: string } {
  const fallback = image.formats[image.formats.length - 1]!;
  return { url: variantUrl(image.id, image.width, fallback), width: image.width, height: image.height, type: contentTypeOf(fallback) };
}

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The same `<picture>` as HTML, for rendered Markdown. */
export function pictureHtml(image: RenderableImage, altText: string, sizes: string): string {
  const { sources, img } = pictureSources(image);
  const sourceTags = sources
    .map((source) => `<source type="${source.type}" srcset="${escapeAttribute(source.srcSet)}" sizes="${escapeAttribute(sizes)}" />`)
    .join("");
  return (
    `<picture>${sourceTags}<img src="${escapeAttribute(img.src)}" srcset="${escapeAttribute(img.srcSet)}" sizes="${escapeAttribute(sizes)}" ` +
    `width="${img.width}" height="${img.height}" alt="${escapeAttribute(altText)}" loading="lazy" decoding="async" /></picture>`
  );
}

/** Email: the fallback format about 960 pixels wide (sharp on high-density screens), drawn at most 600 wide. */
export function emailImageHtml(image: RenderableImage, altText: string, origin: string): string {
  const fallback = image.formats[image.formats.length - 1]!;
  const width = image.widths.find((candidate) => candidate >= 960) ?? image.widths[image.widths.length - 1]!;
  const shownWidth = Math.min(600, image.width);
  const shownHeight = Math.round((shownWidth * image.height) / image.width);
  return `<img src="${escapeAttribute(origin + variantUrl(image.id, width, fallback))}" width="${shownWidth}" height="${shownHeight}" alt="${escapeAttribute(altText)}" />`;
}
