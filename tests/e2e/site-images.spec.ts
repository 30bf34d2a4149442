import { expect, test } from "./support/csp";

test("every page has an icon and a share image, and nothing it asks for is missing", async ({ page, request }) => {
  const failed: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  for (const path of ["/", "/campaigns/inside-north-korea-pandemic-era-controls", "/donate"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    const icon = page.locator('link[rel="icon"][type="image/svg+xml"]');
    await expect(icon).toHaveAttribute("href", /^\/icon\.svg/);
    await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", /\/og-image\.png$/);
    await expect(page.locator('meta[property="og:image:width"]')).toHaveAttribute("content", "1200");
  }
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
