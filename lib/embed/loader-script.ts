import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The embed loader as served (lib/embed/loader/embed-loader.js, its comments and indentation
 * left out), with what a host needs to pin it: the versioned address's name (a hash of the
 * content, so a new release is a new address) and the Subresource Integrity hash.
 */
export interface LoaderScript {
  source: string;
  version: string;
  integrity: string;
}

let loaded: LoaderScript | undefined;

/** The loader's whole-line and block comments and leading spaces removed: a third smaller, nothing else touched. */
export function compactLoaderSource(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("//"))
    .join("\n");
}

export function loaderScript(): LoaderScript {
  if (loaded) return loaded;
  // Read from the checkout at run time (the server runs from it, see docs/operations.md), not bundled.
  const text = fs.readFileSync(path.join(process.cwd(), "lib/embed/loader/embed-loader.js"), "utf8");
  const source = compactLoaderSource(text) + "\n";
  loaded = {
    source,
    version: createHash("sha256").update(source).digest("hex").slice(0, 12),
    integrity: `sha384-${createHash("sha384").update(source).digest("base64")}`,
  };
  return loaded;
}

/** The stable address (short-cached) and the versioned one (cached for a year). */
export const LOADER_PATH = "/embed.js";
export function versionedLoaderPath(version: string): string {
  return `/embed/loader/${version}.js`;
}

/** A script any site may load (with or without `crossorigin` for SRI). */
export function loaderResponse(source: string, cacheControl: string): Response {
  return new Response(source, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": cacheControl,
      "Access-Control-Allow-Origin": "*",
      "Cross-Origin-Resource-Policy": "cross-origin",
    },
  });
}
