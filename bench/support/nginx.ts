import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * nginx as a micro-caching reverse proxy in front of the app instances, as a CDN would be: it
 * keeps each page for as long as the app's Cache-Control allows (s-maxage=1), serves it stale
 * while one request refreshes it (stale-while-revalidate, proxy_cache_background_update), and
 * lets one request at a time through to the app per page (proxy_cache_lock).
 */
export function ensureNginx(): string | null {
  const found = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((file) => fs.existsSync(file));
  if (found) return found;
  if (process.getuid?.() !== 0) return null;
  console.log("[bench] installing Debian's nginx (apt-get install -y nginx)");
  try {
    execFileSync("apt-get", ["install", "-y", "-qq", "nginx"], { stdio: "ignore", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  } catch {
    return null;
  }
  return fs.existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : null;
}

export function writeNginxConfig(dir: string, listenPort: number, upstreamPorts: number[]): string {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "cache"), { recursive: true });
  const abs = path.resolve(dir);
  const config = `
${process.getuid?.() === 0 ? "user root;" : ""}
worker_processes auto;
daemon off;
pid ${abs}/nginx.pid;
error_log ${abs}/error.log warn;
events { worker_connections 2048; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  open_file_cache max=1000 inactive=10s;
  client_body_temp_path ${abs}/body;
  proxy_temp_path ${abs}/proxy;
  fastcgi_temp_path ${abs}/fastcgi;
  uwsgi_temp_path ${abs}/uwsgi;
  scgi_temp_path ${abs}/scgi;
  proxy_cache_path ${abs}/cache levels=1:2 keys_zone=pages:10m max_size=200m inactive=10m use_temp_path=off;
  upstream lantern {
${upstreamPorts.map((port) => `    server 127.0.0.1:${port};`).join("\n")}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${listenPort};
    location / {
      proxy_pass http://lantern;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_cache pages;
      proxy_cache_lock on;
      proxy_cache_use_stale updating error timeout;
      proxy_cache_background_update on;
      add_header X-Cache-Status $upstream_cache_status;
    }
  }
}
`;
  const file = path.join(abs, "nginx.conf");
  fs.writeFileSync(file, config);
  return file;
}
