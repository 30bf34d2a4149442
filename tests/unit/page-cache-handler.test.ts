import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { NEXT_CACHE_IMPLICIT_TAG_ID } from "next/dist/lib/constants";
import { nodeFs } from "next/dist/server/lib/node-fs-methods";
import NextFileSystemCache from "next/dist/server/lib/incremental-cache/file-system-cache";
import { EVERY_PAGE_TAG } from "@/lib/cache/every-page-tag";
// The handler Next loads (next.config.js cacheHandler); CommonJS, outside the app's bundles.
import PageCacheHandler, { EVERY_PAGE_TAG as HANDLER_EVERY_PAGE_TAG } from "@/lib/cache/page-cache-handler.js";

// Next's own handler, as an instance without ours ran it (typed loosely, like ours).
const FileSystemCache = NextFileSystemCache as unknown as typeof PageCacheHandler;
const distDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-page-cache-"));
const serverDistDir = path.join(distDir, "server");
afterAll(() => fs.rmSync(distDir, { recursive: true, force: true }));

const context = { fs: nodeFs, dev: false, flushToDisk: true, serverDistDir, revalidatedTags: [], maxMemoryCacheSize: 0 };
const route = { kind: "APP_PAGE", sourceRoute: "/campaigns/[slug]/page" };
const TAGS = `${EVERY_PAGE_TAG},_N_T_/campaigns/layout,campaign:1`;

function page(status?: number, headers: Record<string, string> = {}) {
  return {
    kind: "APP_PAGE",
    html: "<html>".padEnd(65_000, "x"),
    rscData: Buffer.from("rsc"),
    headers: { "x-next-cache-tags": TAGS, ...headers },
    status,
    postponed: undefined,
    segmentData: undefined,
  };
}
const setContext = { route, kind: "APP_PAGE", isRoutePPREnabled: false, isFallback: false, cacheControl: { revalidate: 3600, expire: 31536000 } };
const getContext = { kind: "APP_PAGE", isRoutePPREnabled: false, isFallback: false };

/** Every file under the build folder's caches. */
function cachedFiles(): string[] {
  if (!fs.existsSync(distDir)) return [];
  return (fs.readdirSync(distDir, { recursive: true }) as string[]).filter((file) => fs.statSync(path.join(distDir, file)).isFile());
}

// Keys as Next makes them (lib/route-cache-key.js): the route's folder, then the address.
const key = (address: string) => `/route-cache/APP_PAGE/0123/$${address}`;

describe("the page cache handler (next.config.js cacheHandler)", () => {
  it("expires at start-up what an earlier run kept: a page written before the first handler was made is not served", async () => {
    // An earlier run of the instance, with Next's own handler.
    await new FileSystemCache(context).set(key("/campaigns/kept-before"), page(), setContext);
    expect(await new FileSystemCache(context).get(key("/campaigns/kept-before"), getContext)).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 5));

    const handler = new PageCacheHandler(context);
    expect(await handler.get(key("/campaigns/kept-before"), getContext)).toBeNull();
    // What this run renders afterwards is served as usual (file times are coarser than Date.now()).
    await new Promise((resolve) => setTimeout(resolve, 20));
    await handler.set(key("/campaigns/kept-before"), page(), setContext);
    expect(await handler.get(key("/campaigns/kept-before"), getContext)).not.toBeNull();
  });

  it("writes nothing for a not-found at an address that had nothing kept", async () => {
    const handler = new PageCacheHandler(context);
    const before = cachedFiles();
    for (let n = 0; n < 20; n += 1) await handler.set(key(`/campaigns/made-up-${n}`), page(404), setContext);
    expect(cachedFiles()).toEqual(before);
    expect(await handler.get(key("/campaigns/made-up-0"), getContext)).toBeNull();
  });

  it("replaces a page kept before with its not-found, so the address stops answering with the old page", async () => {
    const handler = new PageCacheHandler(context);
    await handler.set(key("/campaigns/closed-later"), page(), setContext);
    await handler.set(key("/campaigns/closed-later"), page(404), setContext);
    expect((await handler.get(key("/campaigns/closed-later"), getContext))?.value).toMatchObject({ status: 404 });
  });

  it("never keeps the redirect to the 503 page of a database outage, nor a 503, even over a kept page", async () => {
    const handler = new PageCacheHandler(context);
    const before = cachedFiles();
    await handler.set(key("/campaigns/never-rendered"), page(307, { location: "/unavailable?from=%2Fcampaigns%2Fnever-rendered" }), setContext);
    await handler.set(key("/campaigns/never-rendered-2"), page(503), setContext);
    expect(cachedFiles()).toEqual(before);

    await handler.set(key("/campaigns/rendered"), page(), setContext);
    await handler.set(key("/campaigns/rendered"), page(307, { location: "/unavailable?from=%2Fcampaigns%2Frendered" }), setContext);
    expect((await handler.get(key("/campaigns/rendered"), getContext))?.value).toMatchObject({ status: undefined });
  });

  it("keeps pages and a renamed campaign's permanent redirect", async () => {
    const handler = new PageCacheHandler(context);
    await handler.set(key("/campaigns/old-name"), page(308, { location: "/campaigns/new-name" }), setContext);
    expect((await handler.get(key("/campaigns/old-name"), getContext))?.value).toMatchObject({ status: 308 });
  });

  it("expires the tag Next gives every page (what revalidatePath('/', 'layout') expires), the same in both copies", () => {
    expect(HANDLER_EVERY_PAGE_TAG).toBe(EVERY_PAGE_TAG);
    expect(EVERY_PAGE_TAG).toBe(`${NEXT_CACHE_IMPLICIT_TAG_ID}/layout`);
  });
});
