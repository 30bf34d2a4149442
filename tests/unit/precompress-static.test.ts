import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { distDirFrom, precompressDirectory, precompressStatic } from "@/lib/build/precompress-static.mjs";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "precompress-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Text that compresses well but is not one repeated byte: like a real chunk. */
function script(lines: number): string {
  return Array.from({ length: lines }, (_, i) => `export function handler${i}(event){return event.value*${i}+${(i * 7919) % 1000};}`).join("\n");
}

function write(relative: string, content: string | Buffer): string {
  const file = path.join(dir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

describe("precompressDirectory", () => {
  it("writes .br and .gz beside text assets in nested folders, and each decompresses to the source", async () => {
    const js = write("chunks/app/page-abc123.js", script(400));
    const css = write("css/app.css", `${".card{margin:0 auto;padding:1rem}\n".repeat(200)}`);

    const result = await precompressDirectory(dir);

    for (const file of [js, css]) {
      const source = fs.readFileSync(file);
      const br = fs.readFileSync(`${file}.br`);
      const gz = fs.readFileSync(`${file}.gz`);
      expect(zlib.brotliDecompressSync(br).equals(source)).toBe(true);
      expect(zlib.gunzipSync(gz).equals(source)).toBe(true);
      expect(br.length).toBeLessThan(source.length);
    }
    expect(result).toMatchObject({ files: 2, written: 4, upToDate: 0 });
    expect(result.compressedBytes.br).toBe(fs.statSync(`${js}.br`).size + fs.statSync(`${css}.br`).size);

    // Run again: nothing rewritten, and the same totals counted from the copies already there.
    const again = await precompressDirectory(dir);
    expect(again).toMatchObject({ files: 2, written: 0, upToDate: 4, bytes: result.bytes, compressedBytes: result.compressedBytes });
  });

  it("uses brotli's highest quality and gzip's highest level", async () => {
    // A real production bundle: synthetic text can compress better at a lower quality.
    const source = fs.readFileSync(path.resolve("node_modules/react/cjs/react.production.js"));
    const js = write("chunk.js", source);
    await precompressDirectory(dir);
    const br = fs.readFileSync(`${js}.br`);
    const gz = fs.readFileSync(`${js}.gz`);
    expect(br.length).toBe(zlib.brotliCompressSync(source, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length);
    expect(br.length).toBeLessThan(zlib.brotliCompressSync(source, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }).length);
    expect(gz.length).toBeLessThanOrEqual(zlib.gzipSync(source, { level: 6 }).length);
    expect(gz.length).toBe(zlib.gzipSync(source, { level: 9 }).length);
  });

  it("leaves alone tiny files, formats that are compressed already, and its own copies", async () => {
    write("tiny.js", "export const a = 1;");
    write("media/logo.woff2", zlib.brotliCompressSync(script(300)));
    write("media/photo.png", Buffer.alloc(5000, 7));
    write("big.js", script(100));

    const result = await precompressDirectory(dir);

    expect(fs.existsSync(path.join(dir, "tiny.js.br"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "media/logo.woff2.br"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "media/photo.png.gz"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "big.js.br"))).toBe(true);
    expect(result).toMatchObject({ files: 1, written: 2, skipped: 3 });

    // A second run: nothing new, and no copies of copies (big.js.br.gz).
    const again = await precompressDirectory(dir);
    expect(again).toMatchObject({ files: 1, written: 0, upToDate: 2 });
    expect(fs.readdirSync(dir).sort()).toEqual(["big.js", "big.js.br", "big.js.gz", "media", "tiny.js"]);
  });

  it("keeps copies that are up to date and rewrites a copy older than its source", async () => {
    const js = write("chunk.js", script(200));
    await precompressDirectory(dir);
    fs.writeFileSync(`${js}.gz`, "not rewritten"); // written after its source: up to date
    fs.writeFileSync(`${js}.br`, "stale");
    fs.utimesSync(`${js}.br`, new Date(0), new Date(0));

    const result = await precompressDirectory(dir);

    expect(fs.readFileSync(`${js}.gz`, "utf8")).toBe("not rewritten");
    expect(zlib.brotliDecompressSync(fs.readFileSync(`${js}.br`)).toString()).toBe(script(200));
    expect(result).toMatchObject({ written: 1, upToDate: 1 });
  });

  it("writes no copy that would not be smaller than the source", async () => {
    // Random bytes do not compress: the proxy should send the file itself.
    const random = Buffer.from(Array.from({ length: 4096 }, () => Math.floor(Math.random() * 256)));
    write("blob.json", random);
    const result = await precompressDirectory(dir);
    expect(fs.existsSync(path.join(dir, "blob.json.br"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "blob.json.gz"))).toBe(false);
    expect(result).toMatchObject({ files: 0, written: 0, notSmaller: 2 });
  });

  it("finds nothing to do in a folder that does not exist", async () => {
    await expect(precompressDirectory(path.join(dir, "missing"))).resolves.toMatchObject({ files: 0, written: 0 });
  });
});

describe("precompressStatic", () => {
  it("compresses <distDir>/static only, the folder served at /_next/static/", async () => {
    write("static/chunks/main.js", script(100));
    write("server/app/page.js", script(100));
    await precompressStatic(dir);
    expect(fs.existsSync(path.join(dir, "static/chunks/main.js.br"))).toBe(true);
    expect(fs.existsSync(path.join(dir, "server/app/page.js.br"))).toBe(false);
  });

  it("reads the build folder as next.config.js does", () => {
    expect(distDirFrom({ NEXT_DIST_DIR: ".next-bench" })).toBe(".next-bench");
    expect(distDirFrom({ NEXT_DIST_DIR: "" })).toBe(".next");
    expect(distDirFrom({})).toBe(".next");
  });
});
