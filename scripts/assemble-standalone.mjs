/**
 * The server as the container image runs it (lib/build/assemble-standalone.mjs): the build's
 * standalone output with its static files, public/ and the bundled email worker, in one folder.
 *
 *   node scripts/assemble-standalone.mjs [distDir] [outDir]     # defaults: .next  .next-standalone
 *   cd .next-standalone && NODE_ENV=production HOSTNAME=0.0.0.0 PORT=3000 node server.js
 *   cd .next-standalone && node worker/delivery-worker.cjs
 */
import path from "node:path";
import { assembleStandalone } from "../lib/build/assemble-standalone.mjs";

const distDir = process.argv[2] ?? ".next";
const outDir = process.argv[3] ?? ".next-standalone";
const started = performance.now();
const result = await assembleStandalone({ root: process.cwd(), distDir, outDir });
console.log(
  `assembled ${path.join(distDir, "standalone")} into ${outDir} (build folder ${result.buildFolder}, worker ${(result.workerBytes / 1024).toFixed(0)} KB) in ${Math.round(performance.now() - started)} ms`,
);
