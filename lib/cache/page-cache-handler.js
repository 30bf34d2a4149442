// @ts-check
/*
 * Next's page cache (next.config.js `cacheHandler`): Next's own file-system cache, with two rules
 * of ours. Plain CommonJS, as next.config.js names it; Next 16.4 compiles it into the build's
 * server chunks, so a change here takes a new build.
 *
 * 1. Only pages worth keeping are written. Next keeps every rendering of an ISR route, a
 *    not-found included: each request for /campaigns/<anything> or /home/<anything> wrote about
 *    65 KB into <distDir>/server/route-cache, with no limit. A rendering that is not a page
 *    (404, 503, a redirect to the 503 page during a database outage) is never written for an
 *    address that had nothing kept; it only replaces an entry kept before, so that an address
 *    that stopped existing stops answering with its old page.
 * 2. A starting instance expires every page and every piece of data they read (the one tag
 *    Next gives them all). Next keeps pages rendered at run time in the build folder and serves
 *    them after a restart, tags and all, but forgets which tags were expired; changes made on
 *    other instances while this one was down would stay invisible until the pages' revalidate
 *    time. The LISTEN connection does the same on reconnect (lib/cache/cache-tag-listener.ts).
 *    The pages `next build` prerendered are expired too: they were rendered without the settings
 *    (lib/env buildTimeSource), and are rendered again with this server's on first request.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by Node as CommonJS, outside the app's bundles
const FileSystemCache = require("next/dist/server/lib/incremental-cache/file-system-cache").default;

/**
 * The tag Next gives every page and route handler and the data they read (an implicit tag: what
 * revalidatePath("/", "layout") expires). Also in lib/cache/every-page-tag.ts (a unit test keeps
 * them the same).
 */
const EVERY_PAGE_TAG = "_N_T_/layout";
/** The 503 page (lib/http/database-unavailable.ts): a redirect there must outlive no outage. */
const UNAVAILABLE_PATH = "/unavailable";

/** @param {unknown} location */
function isUnavailableRedirect(location) {
  const value = Array.isArray(location) ? location[0] : location;
  return typeof value === "string" && (value === UNAVAILABLE_PATH || value.startsWith(`${UNAVAILABLE_PATH}?`));
}

/**
 * Whether a rendered page or route response is a page (kept) or an answer that must not be kept.
 * @param {{ kind?: string, status?: number, headers?: Record<string, unknown> }} value
 * @returns {"page" | "not-a-page" | "unavailable"}
 */
function classifyRendering(value) {
  const status = value.status ?? 200;
  if (status === 503 || ([302, 303, 307].includes(status) && isUnavailableRedirect(value.headers?.location))) return "unavailable";
  return status >= 400 ? "not-a-page" : "page";
}

let expiredAtStart = false;

class PageCacheHandler extends FileSystemCache {
  /** @param {any} ctx */
  constructor(ctx) {
    super(ctx);
    // Next makes one handler per request; the first is made before any page is read.
    if (!expiredAtStart) {
      expiredAtStart = true;
      void this.revalidateTag([EVERY_PAGE_TAG], { expire: 0 });
    }
  }

  /**
   * @param {string} key
   * @param {any} data
   * @param {any} ctx
   */
  async set(key, data, ctx) {
    if (data && (data.kind === "APP_PAGE" || data.kind === "APP_ROUTE")) {
      const rendering = classifyRendering(data);
      if (rendering === "unavailable") return;
      if (rendering === "not-a-page" && !this.hasEntry(key, data.kind)) return;
    }
    return super.set(key, data, ctx);
  }

  /**
   * Whether something is kept for `key`, in memory or on disk.
   * @param {string} key
   * @param {"APP_PAGE" | "APP_ROUTE"} kind
   */
  hasEntry(key, kind) {
    if (FileSystemCache.memoryCache?.has(key)) return true;
    try {
      return this.fs.existsSync(this.getFilePath(kind === "APP_ROUTE" ? `${key}.body` : `${key}.html`, kind));
    } catch {
      return false;
    }
  }
}

module.exports = PageCacheHandler;
module.exports.EVERY_PAGE_TAG = EVERY_PAGE_TAG;
module.exports.classifyRendering = classifyRendering;
