/**
 * An admin uploads images for a campaign: a cover (alt text required) that the campaign page,
 * its card and its link previews use, resized with srcset; a picture placed in the article's
 * Markdown. A text file named .jpg and a file over 10 MB are refused with a clear message and
 * nothing is stored. Test images are drawn with sharp here, not committed.
 */
import type { BrowserContext, Page } from "@playwright/test";
import sharp from "sharp";
import { expect, test } from "./support/csp";
import { expectNoAxeViolations } from "./support/axe";
import { ADMIN_EMAIL, signInThroughMailbox } from "./support/admin-session";

test.describe.configure({ mode: "serial" });

const TITLE = "Radios for the border villages";
const SLUG = "radios-for-the-border-villages";
const COVER_ALT = "A hand-cranked radio on a wooden windowsill at dusk";
const ARTICLE_ALT = "Volunteers packing radios into crates";

let admin: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }) => {
  ({ context: admin, page } = await signInThroughMailbox(browser, ADMIN_EMAIL));
});

test.afterAll(async () => {
  await admin?.close();
});

async function uploadedImageCount(): Promise<number> {
  return page.getByRole("list", { name: "Uploaded images" }).getByRole("listitem").count();
}

test("an admin's upload of a file that is not an image, too large, or without alt text is refused and stores nothing", async () => {
  await page.goto("/admin/campaigns/new");
  await page.getByLabel("Title", { exact: true }).fill(TITLE);
  await page.getByLabel("Summary", { exact: true }).fill("Wind-up radios so families can hear news from outside.");
  await page.getByLabel("Article", { exact: true }).fill("## Why radios\n\nA radio needs no network.");
  await page.getByLabel("Goal", { exact: true }).fill("5,000");
  await page.getByLabel("Status", { exact: true }).selectOption("active");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Edit: ${TITLE}` })).toBeVisible();
  const upload = page.getByRole("form", { name: "Upload an image" });
  await expect(page.getByText("No images uploaded yet.")).toBeVisible();

  // A text file renamed .jpg, sent as image/jpeg: sharp cannot decode it.
  await upload
    .getByLabel("Image file")
    .setInputFiles({ name: "holiday.jpg", mimeType: "image/jpeg", buffer: Buffer.from("These are my notes, not a photo.\n".repeat(40)) });
  await upload.getByLabel("Alt text").fill("Not really a photo");
  await upload.getByRole("button", { name: "Upload image" }).click();
  await expect(upload.getByText("The file is not an image Lantern can read. Upload a JPEG, PNG or WebP image.")).toBeVisible();
  await expect(upload.getByLabel("Image file")).toHaveAttribute("aria-invalid", "true");
  await expect(upload.getByRole("alert")).toHaveText("The image was not uploaded. See the message above.");
  await expectNoAxeViolations(page);

  // Over 10 MB (a real JPEG padded out).
  const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#777" } })
    .jpeg()
    .toBuffer();
  const tooLarge = Buffer.concat([jpeg, Buffer.alloc(10 * 1024 * 1024 + 1 - jpeg.length)]);
  await upload.getByLabel("Image file").setInputFiles({ name: "huge.jpg", mimeType: "image/jpeg", buffer: tooLarge });
  await upload.getByLabel("Alt text").fill("A huge photo");
  await upload.getByRole("button", { name: "Upload image" }).click();
  await expect(upload.getByText("The file is larger than 10 MB. Export a smaller JPEG, PNG or WebP and try again.")).toBeVisible();

  // A real image without a description.
  await upload.getByLabel("Image file").setInputFiles({ name: "radio.jpg", mimeType: "image/jpeg", buffer: jpeg });
  await upload.getByLabel("Alt text").fill("   ");
  await upload.getByRole("button", { name: "Upload image" }).click();
  await expect(upload.getByText("Describe the picture for readers who cannot see it (alt text is required).")).toBeVisible();

  await page.reload();
  await expect(page.getByText("No images uploaded yet.")).toBeVisible();
  expect(await page.getByRole("list", { name: "Uploaded images" }).count()).toBe(0);

  // Without a cover, link previews show the generated card with the title and progress.
  const editor = page.url();
  await page.goto(`/campaigns/${SLUG}`);
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", new RegExp(`/campaigns/${SLUG}/share-card\\.png$`));
  await expect(page.locator('meta[property="og:image:alt"]')).toHaveAttribute("content", `${TITLE}: Be the first to give`);
  await expect(page.locator("article picture")).toHaveCount(0);
  await page.goto(editor);
});

test("an admin uploads a cover and an article picture; the campaign page shows them resized, with srcset and alt text", async ({ request }) => {
  const upload = page.getByRole("form", { name: "Upload an image" });
  // A photo taken sideways (EXIF orientation 6) with the camera's details in it.
  const cover = await sharp({ create: { width: 2400, height: 3200, channels: 3, background: "#b45309" } })
    .jpeg()
    .withMetadata({ orientation: 8 })
    .withExifMerge({ IFD0: { Make: "PhoneMaker", Copyright: "Somebody" } })
    .toBuffer();
  await upload.getByLabel("Image file").setInputFiles({ name: "cover.jpg", mimeType: "image/jpeg", buffer: cover });
  await upload.getByLabel("Alt text").fill(COVER_ALT);
  await upload.getByLabel("Use as the cover image").check();
  await upload.getByRole("button", { name: "Upload image" }).click();
  await expect(upload.getByRole("status")).toHaveText("Image uploaded and set as the cover. The public pages show it now.");
  await expect(page.getByRole("list", { name: "Uploaded images" }).getByRole("listitem")).toHaveCount(1);
  await expect(page.getByText("The cover image", { exact: true })).toBeVisible();

  const inside = await sharp({ create: { width: 1000, height: 600, channels: 3, background: "#0f766e" } })
    .png()
    .toBuffer();
  await upload.getByLabel("Image file").setInputFiles({ name: "packing.png", mimeType: "image/png", buffer: inside });
  await upload.getByLabel("Alt text").fill(ARTICLE_ALT);
  await upload.getByRole("button", { name: "Upload image" }).click();
  await expect(upload.getByRole("status")).toHaveText("Image uploaded. Copy its Markdown into the text to show it.");
  await expect.poll(uploadedImageCount).toBe(2);
  await expectNoAxeViolations(page);

  // The Markdown the library offers, pasted into the article.
  const markdown = await page.getByRole("list", { name: "Uploaded images" }).getByRole("listitem").filter({ hasText: ARTICLE_ALT }).locator("code").innerText();
  expect(markdown).toMatch(/^!\[Volunteers packing radios into crates\]\(\/images\/[0-9a-f-]{36}\)$/);
  const article = page.getByLabel("Article", { exact: true });
  await article.fill(`## Why radios\n\n${markdown}\n\nA radio needs no network.\n\n![Hot-linked](https://example.org/photo.jpg)`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved" })).toBeVisible();

  const visitor = page; // the public page is the same for everyone
  await visitor.goto(`/campaigns/${SLUG}`);
  const coverImg = visitor.getByRole("img", { name: COVER_ALT });
  await expect(coverImg).toBeVisible();
  // Upright: 3200 × 2400 after turning, so the widest copy is 1600 × 1200.
  await expect(coverImg).toHaveAttribute("width", "1600");
  await expect(coverImg).toHaveAttribute("height", "1200");
  const coverSrcset = (await coverImg.getAttribute("srcset"))!;
  expect(coverSrcset).toMatch(/^\/images\/([0-9a-f-]{36})\/480\.jpg 480w, \/images\/\1\/960\.jpg 960w, \/images\/\1\/1600\.jpg 1600w$/);
  await expect(coverImg).toHaveAttribute("sizes", /.+/);
  const webpSource = visitor.locator("picture", { has: coverImg }).locator('source[type="image/webp"]');
  await expect(webpSource).toHaveAttribute("srcset", /480\.webp 480w, .*960\.webp 960w, .*1600\.webp 1600w$/);
  // Chromium picks a WebP copy and it loads.
  await expect
    .poll(() => coverImg.evaluate((img: HTMLImageElement) => (img.complete ? `${img.naturalWidth > 0} ${new URL(img.currentSrc).pathname}` : "loading")))
    .toMatch(/^true \/images\/[0-9a-f-]{36}\/(480|960|1600)\.webp$/);

  const articleImg = visitor.locator(".prose").getByRole("img", { name: ARTICLE_ALT });
  await expect(articleImg).toHaveAttribute("srcset", /\/480\.jpg 480w, .*\/960\.jpg 960w, .*\/1000\.jpg 1000w$/);
  await articleImg.scrollIntoViewIfNeeded();
  await expect.poll(() => articleImg.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(visitor.locator('img[src*="example.org"]')).toHaveCount(0);
  await expect(visitor.locator(".prose img")).toHaveCount(1);

  // Link previews use the cover's widest JPEG.
  const coverId = /\/images\/([0-9a-f-]{36})\//.exec(coverSrcset)![1]!;
  await expect(visitor.locator('meta[property="og:image"]')).toHaveAttribute("content", new RegExp(`/images/${coverId}/1600\\.jpg$`));
  await expect(visitor.locator('meta[property="og:image:alt"]')).toHaveAttribute("content", COVER_ALT);
  await expect(visitor.locator('meta[name="twitter:image"]')).toHaveAttribute("content", new RegExp(`/images/${coverId}/1600\\.jpg$`));
  await expectNoAxeViolations(visitor);

  // Served for good, with its type, and nothing of the camera's details.
  const variant = await request.get(`/images/${coverId}/960.webp`);
  expect(variant.status()).toBe(200);
  expect(variant.headers()["content-type"]).toBe("image/webp");
  expect(variant.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect(variant.headers()["x-content-type-options"]).toBe("nosniff");
  const served = await sharp(await variant.body()).metadata();
  expect(served).toMatchObject({ format: "webp", width: 960, height: 720 });
  expect(served.exif).toBeUndefined();
  const fallback = await request.get(`/images/${coverId}/1600.jpg`);
  expect(fallback.headers()["content-type"]).toBe("image/jpeg");
  expect((await fallback.body()).includes(Buffer.from("PhoneMaker"))).toBe(false);
  expect((await request.get(`/images/${coverId}/700.webp`)).status()).toBe(404);
  expect((await request.get(`/images/${coverId}/960.gif`)).status()).toBe(404);
  expect((await request.get("/images/not-an-id/960.webp")).status()).toBe(404);

  // The home page's card shows the cover too.
  await visitor.goto("/");
  const card = visitor.getByRole("article").filter({ has: visitor.getByRole("link", { name: TITLE }) });
  await expect(card.getByRole("img", { name: COVER_ALT })).toHaveAttribute("srcset", new RegExp(`/images/${coverId}/480\\.jpg 480w`));
});
