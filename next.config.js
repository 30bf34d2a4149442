// @ts-check
// eslint-disable-next-line @typescript-eslint/no-require-imports -- this file is CommonJS (module.exports)
const { devOrigins } = require("./lib/build/dev-origins.cjs");

/*
 * Cache-Control for public pages that show live totals (home, campaign pages). Next would send
 * `s-maxage=<revalidate>, stale-while-revalidate=<a year>` for these ISR pages, which lets a CDN
 * show an old total for an hour. Instead a CDN or reverse proxy may keep a page for 1 s and
 * serve it 1 s more while it fetches a fresh one: it absorbs a crowd of readers (at most about
 * one request per second per page and edge reaches the app), and a total it shows is never more
 * than about 2 s older than the app's. Browsers (max-age=0) always revalidate; Next answers
 * with its ETag. Next keeps a Cache-Control set here (see sendRenderResult); only pages listed
 * here get it, so private and dynamic pages keep Next's own `private, no-store`.
 */
const PUBLIC_PAGE_CACHE_CONTROL = "public, max-age=0, s-maxage=1, stale-while-revalidate=1";
// A campaign's generated share card, and its embedded form and progress widget, show its progress too.
// The about, privacy and updates pages get it too: Next would send a year (force-static) or an
// hour (revalidate), so a CDN would keep old organisation details after a restart with new
// ORG_* settings, or hide a new update, for that long.
const PUBLIC_PAGE_PATHS = [
  "/",
  "/home/:edition",
  "/campaigns/:slug",
  "/campaigns/:slug/share-card.png",
  "/embed/campaigns/:slug/form",
  "/embed/campaigns/:slug/progress",
  "/about",
  "/privacy",
  "/updates",
];
/*
 * Next's client asks for a page's React Server Components payload at the page's own address
 * with the header `RSC: 1`; without the matching `_rsc` parameter Next answers a 307 to the
 * address plus `_rsc`, with the headers set here and no Vary. A public Cache-Control on that
 * redirect let a cache keyed by address (deploy/nginx.conf.example) send ordinary visitors of
 * "/" to "/?_rsc…"; a cache that ignores Vary could serve them the payload itself. Answers to
 * RSC requests are therefore never for a shared cache (public pages link with plain <a>, so
 * readers never send them).
 */
const RSC_REQUEST = { type: "header", key: "rsc" };
const RSC_CACHE_CONTROL = "private, no-store";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships a WASM build of PostgreSQL that must be loaded by Node, not bundled.
  // prom-client: one copy of the metrics library for every bundle (the registry itself is on globalThis);
  // pino and pino-pretty are on Next's own list of packages it never bundles.
  serverExternalPackages: ["@electric-sql/pglite", "rate-limiter-flexible", "prom-client"],
  // The Stripe emulator is a workspace package shipped as TypeScript source.
  transpilePackages: ["@lantern/stripe-emulator"],
  // Separate build folders let two builds (e.g. a dev build and the e2e build) coexist.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The build also writes <distDir>/standalone: server.js with only the node_modules files the
  // server needs, what the container image runs (Containerfile; docs/operations.md, "Running
  // with compose"). `next start` keeps working on the same build (with a warning from Next).
  output: "standalone",
  // Files the server reads from its working folder at run time, which tracing imports cannot
  // find: the migrations and the seed (db/open.ts, db/seed), the embed loader served as it is
  // (lib/embed/loader-script.ts), and PGlite's WASM build and its pg_trgm extension, which it
  // loads by file name. The standalone server.js runs from its own folder, so they go beside it.
  // And drizzle-orm's ESM entry points ("drizzle-orm", "drizzle-orm/sql") with the files they
  // import: rate-limiter-flexible (external, above) imports them by a computed name at run time,
  // and the app's own drizzle-orm is bundled, so nothing else puts it in the standalone
  // node_modules (found by tests/image: every rate-limited form answered "not answering").
  outputFileTracingIncludes: {
    "/**": [
      "./db/migrations/**",
      "./db/seed/content/**",
      "./lib/embed/loader/embed-loader.js",
      "./node_modules/@electric-sql/pglite/dist/*.{wasm,data}",
      "./node_modules/@electric-sql/pglite/dist/pg_trgm.tar.gz",
      "./node_modules/drizzle-orm/package.json",
      "./node_modules/drizzle-orm/*.js",
      "./node_modules/drizzle-orm/{sql,pg-core}/**/*.js",
    ],
  },
  // Next's file-system page cache with our rules: renderings that are not pages (a 404 for an
  // unknown address, the 503 redirect of an outage) are never written, and a starting instance
  // expires what an earlier run of it kept (lib/cache/page-cache-handler.js says why).
  cacheHandler: require.resolve("./lib/cache/page-cache-handler.js"),
  poweredByHeader: false,
  // `next dev` browsed at 127.0.0.1 or this machine's LAN address (as its banner suggests) must
  // hydrate like localhost: Next refuses its dev requests from hosts not listed here.
  allowedDevOrigins: devOrigins(),
  // "/" is served by app/home/[edition] so that it is cached like campaign pages (see there).
  async rewrites() {
    return { beforeFiles: [{ source: "/", destination: "/home/current" }] };
  },
  async headers() {
    return [
      ...PUBLIC_PAGE_PATHS.map((source) => ({ source, missing: [RSC_REQUEST], headers: [{ key: "Cache-Control", value: PUBLIC_PAGE_CACHE_CONTROL }] })),
      { source: "/:path*", has: [RSC_REQUEST], headers: [{ key: "Cache-Control", value: RSC_CACHE_CONTROL }] },
    ];
  },
  // Campaign pages use incremental static regeneration with tagged data (see
  // lib/campaigns/cached-campaigns.ts). Cache Components would stream a 200 shell before a
  // page can answer 404 or 403, so it stays off.
  experimental: {
    // forbidden() answers 403 for signed-in non-admins, unauthorized() 401.
    authInterrupts: true,
    // Admins upload images of up to 10 MB through a server action (app/admin/images/actions.ts,
    // which refuses larger files with a message); the form's other fields and the multipart
    // framing need a little more. Next reads an action's body before the action can check who
    // sent it; proxy.ts refuses bodies over 1 MB outside /admin (lib/http/request-body-limit.ts).
    serverActions: { bodySizeLimit: "11mb" },
    // proxy.ts sees every request: it must pass such a body on whole (10 MB by default). One
    // MB more than the action limit, so that the proxy sees a body without a length go over it
    // (lib/http/request-body-limit.ts) instead of Next cutting it off silently at this size.
    proxyClientMaxBodySize: "12mb",
  },
  // `npm run typecheck` runs tsc as its own step (CI runs it first); the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
};

module.exports = nextConfig;
