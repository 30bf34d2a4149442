import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * nginx as a micro-caching reverse proxy in front of the app instances, as a CDN would be: it
 * keeps each page for as long as the app's Cache-Control allows (s-maxage=1), serves it stale
 * while one request refreshes it (stale-while-revalidate, proxy_cache_background_update), and
 * lets one request at a time through to the app per page (proxy_cache_lock). It serves the
 * build's `/_next/static/` files itself, precompressed (scripts/precompress-static.mjs).
 *
 * The part inside `http {}` is the deployment example too: deploy/nginx.conf.example holds it
 * with placeholder paths (tests/unit/nginx-config.test.ts keeps the two the same).
 */

/** Where Debian's libnginx-mod-http-brotli-static puts the module. */
export const BROTLI_STATIC_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

export interface Nginx {
  binary: string;
  /** The brotli_static module to load, or null (gzip_static only) and why. */
  brotliModule: string | null;
  brotliMissing?: string;
}

function aptInstall(pkg: string): boolean {
  console.log(`[bench] installing Debian's ${pkg} (apt-get install -y ${pkg})`);
  try {
    execFileSync("apt-get", ["install", "-y", "-qq", pkg], { stdio: "ignore", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    return true;
  } catch {
    return false;
  }
}

/** nginx and its brotli_static module from Debian's packages, installed when missing if we are root. */
export function ensureNginx(): Nginx | null {
  const root = process.getuid?.() === 0;
  let binary = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((file) => fs.existsSync(file));
  if (!binary && root && aptInstall("nginx") && fs.existsSync("/usr/sbin/nginx")) binary = "/usr/sbin/nginx";
  if (!binary) return null;
  if (!fs.existsSync(BROTLI_STATIC_MODULE) && root) aptInstall("libnginx-mod-http-brotli-static");
  if (fs.existsSync(BROTLI_STATIC_MODULE)) return { binary, brotliModule: BROTLI_STATIC_MODULE };
  return { binary, brotliModule: null, brotliMissing: `libnginx-mod-http-brotli-static not installed${root ? "" : " (not root)"}` };
}

export interface LanternServerOptions {
  listen: string;
  upstreams: string[];
  /** `<distDir>/static` of the build the instances run, served at /_next/static/. */
  staticDir: string;
  cacheDir: string;
  /** brotli_static needs its module loaded; without it only gzip_static. */
  brotli: boolean;
}

/**
 * The http-level configuration for Lantern: page micro-cache in front of the instances, static
 * files from disk. Comments say why, for whoever copies it (deploy/nginx.conf.example).
 */
export function lanternHttpConfig({ listen, upstreams, staticDir, cacheDir, brotli }: LanternServerOptions): string {
  return `# Sends headers and the start of a file in one packet at the cost of TCP_NODELAY, which nginx
# then never sets on Linux: a page's last partial segment waits for the client's delayed ACK,
# about 40 ms per response on keep-alive connections. Off, nginx sets TCP_NODELAY (tcp_nodelay).
sendfile on;
tcp_nopush off;
tcp_nodelay on;
keepalive_requests 10000;
open_file_cache max=1000 inactive=10s;

# Pages: kept for as long as the app's Cache-Control says (s-maxage=1, stale-while-revalidate=1).
proxy_cache_path ${cacheDir} levels=1:2 keys_zone=pages:10m max_size=200m inactive=10m use_temp_path=off;

upstream lantern {
${upstreams.map((upstream) => `  server ${upstream};`).join("\n")}
  keepalive 32;
}

server {
  listen ${listen};

  location / {
    proxy_pass http://lantern;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $http_host;
    # Set TRUSTED_PROXY_HOPS=1 on the instances so rate limits see the reader, not the proxy.
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_cache pages;
    # Next's client asks for a page's RSC payload at the page's own address (header RSC: 1);
    # keyed by address alone, such an answer (or Next's redirect to add _rsc) would reach the
    # page's ordinary visitors. Those requests neither read nor fill the cache.
    proxy_cache_bypass $http_rsc;
    proxy_no_cache $http_rsc;
    # One request per page at a time reaches the app; the others get the stale copy meanwhile.
    proxy_cache_lock on;
    proxy_cache_use_stale updating error timeout;
    proxy_cache_background_update on;
    add_header X-Cache-Status $upstream_cache_status;
  }

  # The build's scripts, styles and fonts: names carry a content hash, so cached for good.
  # Served from a copy of <distDir>/static with the .br/.gz files \`npm run build\` writes beside
  # them (scripts/precompress-static.mjs): brotli at quality 11 is ~14% smaller than the gzip
  # \`next start\` sends. A file the copy lacks (another build's) is asked of the app.
  location /_next/static/ {
    alias ${staticDir.replace(/\/?$/, "/")};
${brotli ? "    brotli_static on;\n" : ""}    gzip_static on;
    gzip_vary on;
    charset utf-8;
    add_header Cache-Control "public, max-age=31536000, immutable";
    error_page 404 = @app;
  }

  location @app {
    proxy_pass http://lantern;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $http_host;
  }
}
`;
}

/**
 * deploy/nginx.conf.example: the same http-level part with a deployment's paths, and what to
 * do around it. Regenerate after changing lanternHttpConfig:
 *   npx tsx -e 'import { deployExample } from "./bench/support/nginx"; process.stdout.write(deployExample())' > deploy/nginx.conf.example
 */
export function deployExample(): string {
  return `# Lantern behind nginx: a micro-cache for pages in front of the app instances, and the build's
# static files served precompressed. The bench (npm run bench) runs this same part; see
# bench/support/nginx.ts, which generates this file.
#
# - Goes inside nginx.conf's http {} block, e.g. as /etc/nginx/conf.d/lantern.conf; add TLS and
#   server_name as usual.
# - Debian: apt-get install nginx libnginx-mod-http-brotli-static (the package loads its module
#   through /etc/nginx/modules-enabled). Without the module, drop "brotli_static on;": browsers
#   then get the .gz files.
# - /srv/lantern/static is a copy of <distDir>/static (.next/static) from the build the instances
#   run, made after \`npm run build\`, which writes the .br and .gz files beside each asset.
# - On the instances: TRUSTED_PROXY_HOPS=1 (docs/security.md, "Client addresses behind proxies").

${lanternHttpConfig({
  listen: "80",
  upstreams: ["10.0.0.11:3000", "10.0.0.12:3000"],
  staticDir: "/srv/lantern/static",
  cacheDir: "/var/cache/nginx/lantern",
  brotli: true,
})}`;
}

export interface WrittenNginxConfig {
  file: string;
  brotli: boolean;
  /** Set when brotli_static was wanted but could not be used. */
  brotliMissing?: string;
}

/** The bench's whole nginx.conf: its own pid, logs and temp folders under `dir`, the rest as deployed. */
export function writeNginxConfig(dir: string, listenPort: number, upstreamPorts: number[], staticDir: string, nginx: Nginx): WrittenNginxConfig {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "cache"), { recursive: true });
  const abs = path.resolve(dir);
  const file = path.join(abs, "nginx.conf");
  const render = (brotliModule: string | null) => `
${process.getuid?.() === 0 ? "user root;" : ""}
${brotliModule ? `load_module ${brotliModule};` : ""}
worker_processes auto;
daemon off;
pid ${abs}/nginx.pid;
error_log ${abs}/error.log warn;
events { worker_connections 2048; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${abs}/body;
  proxy_temp_path ${abs}/proxy;
  fastcgi_temp_path ${abs}/fastcgi;
  uwsgi_temp_path ${abs}/uwsgi;
  scgi_temp_path ${abs}/scgi;
${lanternHttpConfig({
  listen: `127.0.0.1:${listenPort}`,
  upstreams: upstreamPorts.map((port) => `127.0.0.1:${port}`),
  staticDir: path.resolve(staticDir),
  cacheDir: `${abs}/cache`,
  brotli: brotliModule !== null,
})
  .split("\n")
  .map((line) => (line ? `  ${line}` : line))
  .join("\n")}}
`;
  fs.writeFileSync(file, render(nginx.brotliModule));
  if (!nginx.brotliModule) return { file, brotli: false, brotliMissing: nginx.brotliMissing };
  // A module built for another nginx version refuses to load: then gzip_static only, and say so.
  try {
    execFileSync(nginx.binary, ["-t", "-q", "-e", path.join(abs, "error.log"), "-c", file], { stdio: "pipe" });
    return { file, brotli: true };
  } catch (error) {
    const reason = (error as { stderr?: Buffer }).stderr?.toString().trim().split("\n")[0] ?? String(error);
    fs.writeFileSync(file, render(null));
    return { file, brotli: false, brotliMissing: `brotli_static module did not load: ${reason}` };
  }
}
