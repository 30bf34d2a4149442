import fs from "node:fs";
import path from "node:path";

/**
 * What a server started from a copy of the e2e build must not inherit: Next's data cache and the
 * pages it rendered at run time (another server's, on another database), and the standalone
 * output (`output: "standalone"`), which only the standalone spec runs, from its own assembled
 * copy (scripts/assemble-standalone.mjs); leaving it out saves copying its node_modules.
 */
const NOT_COPIED = new Set(["cache", "route-cache", "standalone"]);

/** A copy of a build folder for one `next start` server: the build only. */
export function copyBuildWithoutCaches(from: string, to: string): void {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true, filter: (source) => !NOT_COPIED.has(path.basename(source)) });
}
