/** What an upload may be: shared by the server's checks and the upload form (no sharp here). */

/** The largest file accepted, in bytes (10 MB). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** The most pixels an upload may decode to (40 megapixels, e.g. 8000 × 5000): bounds memory and time. */
export const MAX_IMAGE_PIXELS = 40_000_000;
/** Widths made, when the image is at least that wide (never enlarged). */
export const VARIANT_WIDTHS = [480, 960, 1600] as const;
const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

export const IMAGE_MESSAGES = {
  empty: "Choose an image file to upload.",
  tooLarge: `The file is larger than ${megabytes(MAX_IMAGE_BYTES)}. Export a smaller JPEG, PNG or WebP and try again.`,
  notAnImage: "The file is not an image Lantern can read. Upload a JPEG, PNG or WebP image.",
  wrongFormat: "Only JPEG, PNG and WebP images can be uploaded. Export the picture in one of those formats and try again.",
  tooManyPixels: `The image has more than ${MAX_IMAGE_PIXELS / 1_000_000} megapixels. Scale it down (e.g. to 4000 pixels wide) and try again.`,
} as const;
