/**
 * Gives the any-port server (playwright.config.ts) a fresh data folder and its own copy of the
 * e2e build: Next writes its data cache and regenerated pages into the build folder, and two
 * servers on different databases must not share those.
 */
import fs from "node:fs";
import path from "node:path";

const dataDir = process.env.LANTERN_DATA_DIR;
const distDir = process.env.NEXT_DIST_DIR;
const sourceDistDir = process.env.E2E_SOURCE_DIST_DIR;
if (!dataDir?.includes("e2e") || !distDir?.includes("e2e") || !sourceDistDir) {
  throw new Error(`Refusing to prepare "${dataDir}" and "${distDir}": not e2e folders.`);
}
fs.rmSync(dataDir, { recursive: true, force: true });
fs.rmSync(distDir, { recursive: true, force: true });
// The standalone output is for the standalone spec only (tests/e2e/support/build-copy.ts).
fs.cpSync(sourceDistDir, distDir, { recursive: true, filter: (source) => path.basename(source) !== "standalone" });
fs.rmSync(`${distDir}/cache`, { recursive: true, force: true });
console.info(`[e2e] prepared ${dataDir} and ${distDir}`);
