import { expect, it } from "vitest";
import { isVariantUrl, parseVariantPath, referencedImageId, referencedImageIds } from "@/lib/images/image-urls";

const ID = "0b8f7a4e-2c1d-4e5f-9a6b-7c8d9e0f1a2b";
const NOT_AN_ID = "------------------------------------"; // 36 characters in an id's place, but no UUID

it("takes only UUIDs (z.uuid()) where an image's address names its id", () => {
  expect(referencedImageId(`/images/${ID}`)).toBe(ID);
  expect(referencedImageId(`/images/${ID}/`)).toBe(ID);
  expect(referencedImageId(`/images/${NOT_AN_ID}`)).toBeNull();
  expect(referencedImageIds(`![a](/images/${ID}) ![b](/images/${NOT_AN_ID}) ![c](/images/${ID})`)).toEqual([ID]);
  expect(isVariantUrl(`/images/${ID}/960.webp`)).toBe(true);
  expect(isVariantUrl(`/images/${NOT_AN_ID}/960.webp`)).toBe(false);
  expect(parseVariantPath(ID, "960.jpg")).toEqual({ imageId: ID, width: 960, format: "jpeg" });
  expect(parseVariantPath(NOT_AN_ID, "960.jpg")).toBeNull();
  expect(parseVariantPath(ID, "0.jpg")).toBeNull();
});
