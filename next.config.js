// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships a WASM build of PostgreSQL that must be loaded by Node, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "rate-limiter-flexible"],
  // Separate build folders let two builds (e.g. a dev build and the e2e build) coexist.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  cacheComponents: true,
  typescript: { ignoreBuildErrors: false },
};

module.exports = nextConfig;
