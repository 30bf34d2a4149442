import http from "node:http";
import { E2E_BASE_URL, E2E_PORT } from "./e2e-server";

/**
 * The organisation's own website, for the embed tests (docs/embedding.md): a plain static server
 * on another port. Reached as http://localhost:<port> it is another site than Lantern
 * (http://127.0.0.1:<E2E_PORT>), so Lantern's frames are third-party there; reached as
 * http://127.0.0.1:<port> it is another origin, one no admin allowed.
 */
export const HOST_SITE_PORT = Number(process.env.E2E_HOST_SITE_PORT ?? E2E_PORT + 95);
export const HOST_SITE = `http://localhost:${HOST_SITE_PORT}`;
export const NOT_ALLOWED_SITE = `http://127.0.0.1:${HOST_SITE_PORT}`;

/** The snippet as the admin's "Share and embed" page gives it, for one widget. */
export function snippet(kind: "button" | "form" | "progress", slug: string, text: string): string {
  return `<a href="${E2E_BASE_URL}/campaigns/${slug}" data-lantern-embed="${kind}">${text}</a>\n<script async src="${E2E_BASE_URL}/embed.js"></script>`;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body>
<header><p>Lantern for Human Rights: our own website</p></header>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`;
}

/** What the host pages hold: path → [headers, HTML]. */
export function hostPages(slug: string, title: string): Record<string, { headers?: Record<string, string>; html: string }> {
  const widgets = [
    `<section aria-label="Donate button"><h2>Donate button</h2><p>${snippet("button", slug, `Give to ${title}`)}</p></section>`,
    `<section aria-label="Embedded form"><h2>Embedded form</h2>${snippet("form", slug, `Give to ${title} (form)`)}</section>`,
    `<section aria-label="Progress"><h2>Progress</h2>${snippet("progress", slug, `See how ${title} is doing`)}</section>`,
  ].join("\n");
  return {
    "/plain.html": { html: page("Our blog post", widgets) },
    // Only what docs/embedding.md asks a strict host to add for Lantern: script-src and frame-src.
    "/strict.html": {
      headers: { "Content-Security-Policy": `default-src 'none'; script-src ${E2E_BASE_URL}; frame-src ${E2E_BASE_URL}; base-uri 'none'; form-action 'none'` },
      html: page("Our strict page", widgets),
    },
    // The script before the links (in <head>), as a site's template might put it.
    "/script-first.html": {
      html: page(
        "Script first",
        `<script async src="${E2E_BASE_URL}/embed.js"></script><p>Loading…</p>` +
          `<p>${snippet("progress", slug, `See how ${title} is doing`).split("\n")[0]}</p>`,
      ),
    },
    // A page of a third origin that sends look-alike messages to whatever frames it.
    "/poster.html": {
      html: `<!doctype html><html lang="en"><head><title>poster</title></head><body><script>
for (const message of [{ type: "ready" }, { type: "size", height: 3 }, { type: "open" }]) parent.postMessage({ ns: "lantern-embed", ...message }, "*");
</script></body></html>`,
    },
  };
}

export async function startHostSite(pages: ReturnType<typeof hostPages>): Promise<{ close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    const found = pages[new URL(request.url ?? "/", "http://host").pathname];
    if (!found) {
      response.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
      return;
    }
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", ...found.headers }).end(found.html);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(HOST_SITE_PORT, resolve);
  });
  return { close: () => new Promise((resolve) => server.close(() => resolve())) };
}
