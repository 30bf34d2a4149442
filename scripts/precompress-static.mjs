/**
 * After `next build`: `.br` (brotli 11) and `.gz` (gzip 9) copies beside the build's static
 * assets, for a proxy or CDN that serves them precompressed (see lib/build/precompress-static.mjs
 * and docs/operations.md, "Deployment shape"). `next start` does not use them; it is unaffected.
 *
 *   node scripts/precompress-static.mjs            # <NEXT_DIST_DIR or .next>/static
 *   node scripts/precompress-static.mjs .next-bench
 */
import { distDirFrom, precompressStatic } from "../lib/build/precompress-static.mjs";

const distDir = process.argv[2] ?? distDirFrom(process.env);
const started = performance.now();
const result = await precompressStatic(distDir);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(
  `precompressed ${result.files} files under ${distDir}/static (${kb(result.bytes)} → brotli ${kb(result.compressedBytes.br)}, gzip ${kb(result.compressedBytes.gz)}; ` +
    `${result.written} written, ${result.upToDate} up to date) in ${Math.round(performance.now() - started)} ms`,
);
