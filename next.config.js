// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships a WASM build of PostgreSQL that must be loaded by Node, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "rate-limiter-flexible"],
  // The Stripe emulator is a workspace package shipped as TypeScript source.
  transpilePackages: ["@lantern/stripe-emulator"],
  // Separate build folders let two builds (e.g. a dev build and the e2e build) coexist.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // "/" is served by app/home/[edition] so that it is cached like campaign pages (see there).
  async rewrites() {
    return { beforeFiles: [{ source: "/", destination: "/home/current" }] };
  },
  // Campaign pages use incremental static regeneration with tagged data (see
  // lib/campaigns/cached-campaigns.ts). Cache Components would stream a 200 shell before a
  // page can answer 404 or 403, so it stays off.
  experimental: {
    // forbidden() answers 403 for signed-in non-admins, unauthorized() 401.
    authInterrupts: true,
  },
  // `npm run typecheck` runs tsc as its own step (CI runs it first); the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
};

module.exports = nextConfig;
