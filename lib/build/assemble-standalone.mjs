// @ts-check
/**
 * The server as the container image runs it, from a build made with `output: "standalone"`
 * (next.config.js): `<distDir>/standalone` holds server.js, the build's server files and only the
 * node_modules files they need, but not what Next leaves to a CDN. This puts beside it:
 *
 * - the build's static files (`<distDir>/static`, without the .br/.gz copies the precompress step
 *   wrote for a proxy that serves them itself) and `public/`, which server.js serves;
 * - the email delivery worker (scripts/delivery-worker.ts), bundled with esbuild into one
 *   CommonJS file, `worker/delivery-worker.cjs`, so that the image runs it with plain `node`:
 *   no tsx, no TypeScript, no devDependencies. The packages it leaves out (PGlite's WASM build,
 *   pg and its optional native binding) are required from the standalone node_modules, where
 *   the server's tracing put them.
 *
 * The Containerfile and the e2e test of the standalone server (runtime-settings.spec.ts) both run
 * this, so CI starts the server the way the image does. Plain JavaScript: it runs right after
 * `next build`, where nothing compiles TypeScript.
 */
import fs from "node:fs";
import path from "node:path";

/** Where the worker lands in the assembled folder (the Containerfile's worker command names it). */
export const WORKER_FILE = path.join("worker", "delivery-worker.cjs");

/** Packages the worker bundle requires at run time instead of containing them. */
const WORKER_EXTERNALS = ["@electric-sql/pglite", "@electric-sql/pglite/*", "pg", "pg-native"];

/** The folder inside `<distDir>/standalone` that is the build (named like distDir: .next, .next-build-cache...). */
export function standaloneBuildFolder(standaloneDir) {
  const found = fs.readdirSync(standaloneDir).filter((name) => name.startsWith(".next") && fs.existsSync(path.join(standaloneDir, name, "BUILD_ID")));
  if (found.length !== 1) throw new Error(`Expected one build folder with a BUILD_ID in ${standaloneDir}, found ${found.length}.`);
  return /** @type {string} */ (found[0]);
}

/**
 * Bundles the delivery worker into `outFile`. esbuild is a devDependency: it runs where the build
 * runs (the image's build stage), never in the image.
 * @param {{ root: string, outFile: string }} options
 */
export async function bundleWorker({ root, outFile }) {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ["scripts/delivery-worker.ts"],
    outfile: outFile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    // The scripts' tsconfig maps @/ to the repository and server-only to a no-op, as tsx does.
    tsconfig: "tsconfig.scripts.json",
    jsx: "automatic",
    external: WORKER_EXTERNALS,
    define: { "process.env.NODE_ENV": '"production"' },
    minifySyntax: true,
    legalComments: "none",
    logLevel: "warning",
  });
  if (result.errors.length > 0) throw new Error(`Bundling the worker failed: ${result.errors.map((error) => error.text).join("; ")}`);
  return { bytes: fs.statSync(outFile).size };
}

/**
 * Assembles `<distDir>/standalone` plus static files, public/ and the worker into `outDir`
 * (which must not exist yet, or be empty).
 * @param {{ root: string, distDir: string, outDir: string }} options
 */
export async function assembleStandalone({ root, distDir, outDir }) {
  const standaloneDir = path.resolve(root, distDir, "standalone");
  if (!fs.existsSync(path.join(standaloneDir, "server.js"))) {
    throw new Error(`${path.join(distDir, "standalone", "server.js")} is missing: build with output "standalone" (next.config.js) first.`);
  }
  const target = path.resolve(root, outDir);
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0) throw new Error(`${outDir} is not empty.`);
  const buildFolder = standaloneBuildFolder(standaloneDir);
  // verbatimSymlinks: Next links <build>/node_modules/<package>-<hash> to ../../node_modules/<package>
  // (its external packages); resolved to absolute paths they would point back into distDir.
  fs.cpSync(standaloneDir, target, { recursive: true, verbatimSymlinks: true });
  fs.cpSync(path.resolve(root, distDir, "static"), path.join(target, buildFolder, "static"), {
    recursive: true,
    filter: (source) => !/\.(br|gz)$/.test(source),
  });
  fs.cpSync(path.resolve(root, "public"), path.join(target, "public"), { recursive: true });
  const worker = await bundleWorker({ root, outFile: path.join(target, WORKER_FILE) });
  return { buildFolder, workerBytes: worker.bytes };
}
