/**
 * What the page cache keeps (issue 23, findings 3 and 4), against the e2e `next start` build:
 * Next writes pages rendered at run time into the build folder (server/route-cache) and data
 * into cache/fetch-cache. Made-up addresses must write nothing there, and answers to RSC
 * requests must never be offered to a shared cache.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_DIST_DIR } from "./support/e2e-server";

const BUILD_DIR = E2E_DIST_DIR; // NEXT_DIST_DIR of this worker's e2e server
const CACHE_DIRS = [path.join(BUILD_DIR, "server", "route-cache"), path.join(BUILD_DIR, "cache", "fetch-cache")];
const CAMPAIGN = "/campaigns/foreign-media-in-north-korea";

/** Files and bytes under the build folder's page and data caches. */
function cacheFootprint(): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const dir of CACHE_DIRS) {
    if (!fs.existsSync(dir)) continue;
    for (const file of fs.readdirSync(dir, { recursive: true }) as string[]) {
      const stat = fs.statSync(path.join(dir, file));
      if (!stat.isFile()) continue;
      files += 1;
      bytes += stat.size;
    }
  }
  return { files, bytes };
}

test("made-up campaign and home addresses write nothing into the build folder; known pages stay cached", async ({ request }) => {
  // Known pages: rendered once, then served from the cache.
  for (const known of [CAMPAIGN, "/", `${CAMPAIGN}/share-card.png`]) await request.get(known);
  expect((await request.get(CAMPAIGN)).headers()["x-nextjs-cache"]).toBe("HIT");
  expect((await request.get("/")).headers()["x-nextjs-cache"]).toBe("HIT");

  const before = cacheFootprint();
  const run = Date.now().toString(36);
  for (let n = 0; n < 40; n += 1) {
    for (const address of [`/campaigns/made-up-${run}-${n}`, `/home/made-up-${run}-${n}`, `/campaigns/made-up-${run}-${n}/share-card.png`]) {
      const response = await request.get(address);
      expect(response.status(), address).toBe(404);
    }
  }
  // Asked for again: still a 404 rendered afresh, never a kept one.
  expect((await request.get(`/campaigns/made-up-${run}-0`)).headers()["x-nextjs-cache"]).not.toBe("HIT");
  expect(cacheFootprint()).toEqual(before);

  // The known pages are still cached (ISR) as before.
  expect((await request.get(CAMPAIGN)).headers()["x-nextjs-cache"]).toBe("HIT");
  expect((await request.get(`${CAMPAIGN}/share-card.png`)).headers()["x-nextjs-cache"]).toBe("HIT");
});

test("an answer to an RSC request (Next's redirect to add _rsc included) is never for a shared cache", async ({ request }) => {
  for (const address of ["/", CAMPAIGN, `${CAMPAIGN}?_rsc=not-the-hash`, "/about"]) {
    const response = await request.get(address, { headers: { RSC: "1" }, maxRedirects: 0 });
    const cacheControl = response.headers()["cache-control"] ?? "";
    expect(cacheControl, `${address}: status ${response.status()}`).not.toMatch(/public|s-maxage/);
    expect(cacheControl, address).toMatch(/private|no-store/);
  }
  // The same addresses without the header keep the public pages' micro-cache headers.
  expect((await request.get("/")).headers()["cache-control"]).toBe("public, max-age=0, s-maxage=1, stale-while-revalidate=1");
});

test("pages that show the organisation's settings or its updates are kept by a shared cache for a second, not a year", async ({ request }) => {
  for (const address of ["/about", "/privacy", "/updates"]) {
    const response = await request.get(address);
    expect(response.status(), address).toBe(200);
    expect(response.headers()["cache-control"], address).toBe("public, max-age=0, s-maxage=1, stale-while-revalidate=1");
  }
});
