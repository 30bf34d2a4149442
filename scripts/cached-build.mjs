// @ts-check
/**
 * A production build for the test suites and the benchmark, made once per source tree:
 *
 *   node scripts/cached-build.mjs <distDir>
 *
 * builds into .next-build-cache unless the build there was made from the same sources and
 * settings (its fingerprint), then puts a fresh copy of it at <distDir>. Its static files are
 * precompressed, as `npm run build`'s postbuild does. Each consumer runs servers from its own
 * copy, because Next writes the pages it renders at run time into the build folder and those
 * belong to one database. CI's benchmark smoke and the e2e suites take the same build this way
 * instead of building twice (a build is minutes on a 2-core machine).
 *
 * The fingerprint covers every file git tracks or would track (not ignored), except those no
 * build reads (tests, bench, docs, CI, Markdown), plus the settings a build could read from the
 * environment. Delete .next-build-cache to force a build.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { precompressStatic } from "../lib/build/precompress-static.mjs";

const CACHE_DIR = ".next-build-cache";
const FINGERPRINT_FILE = "lantern-build-fingerprint";
/** Paths whose contents no build reads; a change there keeps the build. */
const NOT_BUILD_INPUTS = [/^tests\//, /^bench\//, /^docs\//, /^\.ci\//, /^\.github\//, /\.md$/];
/**
 * Settings a page could show. lib/env reads none of them while `next build` runs, and the e2e
 * suite builds with values no server starts with to prove it (runtime-settings.spec.ts): a build
 * made without those values must not stand in for one made with them.
 */
const BUILD_SETTINGS = /^(APP_URL|ORG_[A-Z_]+|NEXT_PUBLIC_[A-Z_]+)$/;

const target = process.argv[2];
if (!target || !/^\.next-[a-z0-9-]+$/.test(target) || target === CACHE_DIR) {
  console.error("usage: node scripts/cached-build.mjs .next-<name>   (the folder to put a copy of the build in)");
  process.exit(2);
}

function fingerprint() {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { encoding: "utf8" })
    .split("\0")
    .filter((file) => file && !NOT_BUILD_INPUTS.some((pattern) => pattern.test(file)))
    .sort();
  const hash = createHash("sha256");
  for (const file of files) {
    const stat = fs.lstatSync(file, { throwIfNoEntry: false });
    if (!stat) continue; // deleted but not yet staged
    hash.update(`${file}\0`);
    if (stat.isSymbolicLink()) hash.update(fs.readlinkSync(file));
    else if (stat.isFile()) hash.update(fs.readFileSync(file));
  }
  for (const name of Object.keys(process.env)
    .filter((key) => BUILD_SETTINGS.test(key))
    .sort()) {
    hash.update(`${name}=${process.env[name]}\0`);
  }
  return hash.digest("hex");
}

const wanted = fingerprint();
const fingerprintPath = path.join(CACHE_DIR, FINGERPRINT_FILE);
const kept = fs.existsSync(fingerprintPath) ? fs.readFileSync(fingerprintPath, "utf8") : null;
if (kept === wanted) {
  console.info(`[build] ${CACHE_DIR} was built from these sources and settings: reusing it`);
} else {
  console.info(`[build] building into ${CACHE_DIR}`);
  fs.rmSync(CACHE_DIR, { recursive: true, force: true });
  const result = spawnSync("npx", ["next", "build"], {
    stdio: "inherit",
    env: {
      ...process.env,
      NEXT_DIST_DIR: CACHE_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      // The build prerenders /updates from a database: an empty embedded one of its own, never
      // the consumer's (what it prerenders is expired when a server starts anyway).
      DATABASE_URL: "",
      LANTERN_DATA_DIR: path.resolve(".data", "build"),
    },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  const precompressed = await precompressStatic(CACHE_DIR);
  console.info(`[build] precompressed ${precompressed.files} static files`);
  fs.writeFileSync(fingerprintPath, wanted);
}

fs.rmSync(target, { recursive: true, force: true });
// verbatimSymlinks: the links Next makes in <build>/node_modules and in the standalone output are
// relative (../../node_modules/<package>); resolved, the copy's would point into CACHE_DIR.
fs.cpSync(CACHE_DIR, target, {
  recursive: true,
  preserveTimestamps: true,
  verbatimSymlinks: true,
  filter: (source) => path.basename(source) !== FINGERPRINT_FILE,
});
console.info(`[build] copied the build to ${target}`);
