import { expect, test } from "./support/csp";

test("every page has an icon and a share image, and nothing it asks for is missing", async ({ page, request }) => {
  const failed: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  for (const [path, shareImage] of [
    ["/", /\/og-image\.png$/],
    // A campaign without a cover image: its generated card (title and progress).
    ["/campaigns/inside-north-korea-pandemic-era-controls", /\/campaigns\/inside-north-korea-pandemic-era-controls\/share-card\.png$/],
    ["/donate", /\/og-image\.png$/],
  ] as const) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    const icon = page.locator('link[rel="icon"][type="image/svg+xml"]');
    await expect(icon).toHaveAttribute("href", /^\/icon\.svg/);
    await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", shareImage);
    await expect(page.locator('meta[property="og:image:width"]')).toHaveAttribute("content", "1200");
  }
  const card = await request.get("/campaigns/inside-north-korea-pandemic-era-controls/share-card.png");
  expect(card.status()).toBe(200);
  expect(card.headers()["content-type"]).toBe("image/png");
  // Cached like the page: a CDN may keep it a second, so its progress is never stale for long.
  expect(card.headers()["cache-control"]).toBe("public, max-age=0, s-maxage=1, stale-while-revalidate=1");
  const png = await card.body();
  // PNG signature, then the IHDR chunk's width and height.
  expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  expect((await request.get("/campaigns/no-such-campaign/share-card.png")).status()).toBe(404);
  expect(failed).toEqual([]);

  // Browsers and crawlers still ask for /favicon.ico on their own.
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect((await favicon.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0])); // the ICO signature
  const svgIcon = await request.get((await page.locator('link[rel="icon"][type="image/svg+xml"]').getAttribute("href"))!);
  expect(svgIcon.headers()["content-type"]).toContain("image/svg+xml");
  const shareImage = await request.get("/og-image.png");
  expect(shareImage.status()).toBe(200);
  expect(shareImage.headers()["content-type"]).toBe("image/png");
});
