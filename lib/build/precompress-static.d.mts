/** Types for precompress-static.mjs (plain JavaScript: it runs after `next build` without a compiler). */
export declare const COMPRESSIBLE_EXTENSIONS: Set<string>;
export declare const MIN_BYTES: number;
export interface PrecompressResult {
  /** Source files that got at least one compressed copy (or had them). */
  files: number;
  /** Compressed copies written in this run. */
  written: number;
  /** Compressed copies already there and not older than their source. */
  upToDate: number;
  /** Copies not written because they would not be smaller. */
  notSmaller: number;
  /** Files left alone: not a text format, or under minBytes. */
  skipped: number;
  /** Total size of the sources compressed. */
  bytes: number;
  /** Total size of each encoding's copies. */
  compressedBytes: Record<"br" | "gz", number>;
}
export declare function precompressDirectory(dir: string, options?: { minBytes?: number; concurrency?: number }): Promise<PrecompressResult>;
export declare function distDirFrom(env: { NEXT_DIST_DIR?: string }): string;
export declare function precompressStatic(distDir: string): Promise<PrecompressResult>;
