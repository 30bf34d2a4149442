import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { deployExample, lanternHttpConfig } from "@/bench/support/nginx";

const options = { listen: "127.0.0.1:8080", upstreams: ["127.0.0.1:3000", "127.0.0.1:3001"], staticDir: "/srv/build/static", cacheDir: "/tmp/cache" };

describe("the nginx configuration the bench runs and deploy/nginx.conf.example", () => {
  it("deploy/nginx.conf.example is what the bench's generator writes (regenerate it: see deployExample)", () => {
    expect(fs.readFileSync(path.resolve("deploy/nginx.conf.example"), "utf8")).toBe(deployExample());
  });

  it("keeps the micro-cache's semantics and leaves Nagle off", () => {
    const config = lanternHttpConfig({ ...options, brotli: true });
    for (const directive of [
      "proxy_cache_lock on;",
      "proxy_cache_use_stale updating error timeout;",
      "proxy_cache_background_update on;",
      "tcp_nopush off;",
      "tcp_nodelay on;",
    ]) {
      expect(config).toContain(directive);
    }
    // No proxy_cache_valid: how long a page is kept is the app's Cache-Control (s-maxage=1).
    expect(config).not.toContain("proxy_cache_valid");
    expect(config).toContain("server 127.0.0.1:3001;");
  });

  it("never serves an answer to an RSC request from the page cache, nor keeps one there", () => {
    // Next's client sends RSC: 1 at the page's own address; its answer (or Next's redirect to add
    // _rsc) is not the page, and a cache keyed by address would hand it to ordinary visitors.
    const config = lanternHttpConfig({ ...options, brotli: true });
    expect(config).toContain("proxy_cache_bypass $http_rsc;");
    expect(config).toContain("proxy_no_cache $http_rsc;");
  });

  it("serves /_next/static from the build folder, brotli only when its module is loaded", () => {
    const withBrotli = lanternHttpConfig({ ...options, brotli: true });
    const gzipOnly = lanternHttpConfig({ ...options, brotli: false });
    expect(withBrotli).toContain("alias /srv/build/static/;");
    expect(withBrotli).toContain("brotli_static on;");
    expect(gzipOnly).not.toContain("brotli_static");
    expect(gzipOnly).toContain("gzip_static on;");
    expect(gzipOnly).toContain('add_header Cache-Control "public, max-age=31536000, immutable";');
  });
});
