/**
 * `copy-e2e-build.ts <from> <to>`: a worker's own copy of the e2e build (playwright.config.ts).
 * Next writes its data cache and the pages it renders at run time into the build folder, so two
 * servers on different databases must not share one; the caches are left behind.
 */
import { copyBuildWithoutCaches } from "./build-copy";

const [from, to] = process.argv.slice(2);
if (!from || !to || !from.includes("e2e") || !to.includes("e2e") || from === to) {
  throw new Error(`Refusing to copy the e2e build from "${from}" to "${to}".`);
}
copyBuildWithoutCaches(from, to);
console.info(`[e2e] copied ${from} to ${to}`);
