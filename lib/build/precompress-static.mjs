// @ts-check
/**
 * Precompressed copies of a Next build's static assets (`<distDir>/static`): `<file>.br` (brotli
 * quality 11) and `<file>.gz` (gzip level 9) beside each text asset, for a proxy or CDN that
 * serves them as they are (nginx `brotli_static on; gzip_static on;`). `next start` only
 * compresses on the fly with gzip; brotli at quality 11 is too slow to do per request but makes
 * the framework's JavaScript about 14% smaller than gzip, and these files never change (their
 * names carry a content hash), so they are compressed once, at build time.
 *
 * Plain JavaScript with Node's zlib only: it runs right after `next build` (`npm run build`'s
 * `postbuild`, the bench's build) where nothing compiles TypeScript.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Text formats worth compressing; images, fonts (woff2) and media are compressed already. */
export const COMPRESSIBLE_EXTENSIONS = new Set([".js", ".mjs", ".css", ".svg", ".json", ".txt", ".html", ".xml", ".webmanifest"]);
/**
 * Below this a copy saves a few dozen bytes at most. Not higher: the campaign page loads two
 * 1 KB chunks that brotli halves (nginx's own gzip_min_length is 20 bytes).
 */
export const MIN_BYTES = 256;

/** @typedef {{ encoding: "br" | "gz", compress: (input: Buffer) => Promise<Buffer> }} Encoding */
/** @type {Encoding[]} */
const ENCODINGS = [
  {
    encoding: "br",
    compress: (input) =>
      brotli(input, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: input.length,
        },
      }),
  },
  { encoding: "gz", compress: (input) => gzip(input, { level: zlib.constants.Z_BEST_COMPRESSION }) },
];

/**
 * @typedef {object} PrecompressResult
 * @property {number} files source files that got at least one compressed copy (or had them)
 * @property {number} written compressed copies written in this run
 * @property {number} upToDate compressed copies already there and not older than their source
 * @property {number} notSmaller copies not written because they would not be smaller
 * @property {number} skipped files left alone: not a text format, or under minBytes
 * @property {number} bytes total size of the sources compressed
 * @property {Record<"br" | "gz", number>} compressedBytes total size of each encoding's copies
 */

/** Every regular file under `dir` (recursively); none if `dir` does not exist. */
async function filesUnder(dir) {
  /** @type {import("node:fs").Dirent[]} */
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === "ENOENT") return [];
    throw error;
  }
  /** @type {string[]} */
  const files = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(full)));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}

/** @param {string} file */
async function modifiedAt(file) {
  try {
    return (await fs.stat(file)).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * Writes `.br` and `.gz` beside every compressible file of at least `minBytes` under `dir`.
 * A copy that exists and is not older than its source is kept (re-running is cheap); a copy
 * that would not be smaller than its source is not written (the proxy then sends the file
 * itself).
 *
 * @param {string} dir
 * @param {{ minBytes?: number, concurrency?: number }} [options]
 * @returns {Promise<PrecompressResult>}
 */
export async function precompressDirectory(dir, { minBytes = MIN_BYTES, concurrency = os.availableParallelism() } = {}) {
  /** @type {PrecompressResult} */
  const result = { files: 0, written: 0, upToDate: 0, notSmaller: 0, skipped: 0, bytes: 0, compressedBytes: { br: 0, gz: 0 } };
  const all = await filesUnder(dir);
  const suffixes = new Set(ENCODINGS.map(({ encoding }) => `.${encoding}`));
  const sources = all.filter((file) => !suffixes.has(path.extname(file)));
  /** @type {string[]} */
  const queue = [];
  for (const file of sources) {
    if (!COMPRESSIBLE_EXTENSIONS.has(path.extname(file).toLowerCase())) result.skipped++;
    else queue.push(file);
  }

  /** @param {string} file */
  const compressOne = async (file) => {
    const stat = await fs.stat(file);
    if (stat.size < minBytes) {
      result.skipped++;
      return;
    }
    /** @type {Buffer | undefined} */
    let input;
    let any = false;
    for (const { encoding, compress } of ENCODINGS) {
      const target = `${file}.${encoding}`;
      const targetTime = await modifiedAt(target);
      if (targetTime !== undefined && targetTime >= stat.mtimeMs) {
        result.upToDate++;
        const { size } = await fs.stat(target); // not `+= await`: workers run in between
        result.compressedBytes[encoding] += size;
        any = true;
        continue;
      }
      input ??= await fs.readFile(file);
      const output = await compress(input);
      if (output.length >= input.length) {
        result.notSmaller++;
        await fs.rm(target, { force: true });
        continue;
      }
      // Written beside the source under a temporary name, then renamed: a proxy reading the
      // folder meanwhile sees the whole copy or none.
      const partial = `${target}.${process.pid}.tmp`;
      await fs.writeFile(partial, output);
      await fs.rename(partial, target);
      result.written++;
      result.compressedBytes[encoding] += output.length;
      any = true;
    }
    if (any) {
      result.files++;
      result.bytes += stat.size;
    }
  };

  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) await compressOne(file);
  });
  await Promise.all(workers);
  return result;
}

/**
 * The build folder `next build` wrote: NEXT_DIST_DIR as next.config.js reads it, else `.next`.
 * @param {{ NEXT_DIST_DIR?: string }} env
 */
export function distDirFrom(env) {
  return env.NEXT_DIST_DIR || ".next";
}

/**
 * Precompresses `<distDir>/static`, the folder served at `/_next/static/`.
 * @param {string} distDir
 */
export function precompressStatic(distDir) {
  return precompressDirectory(path.join(distDir, "static"));
}
