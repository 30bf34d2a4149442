/**
 * Server actions are POSTs to a page that Next decodes before any code of ours runs; requests
 * it cannot handle end in a 500 there ("Invalid Server Actions request.", a JSON or multipart
 * parse error). The proxy checks them first and answers a 4xx instead, mirroring Next's rules
 * (next/dist/server/app-render/action-handler.js).
 */

/** A fetch action: what React's client sends (a Next-Action header naming the action). */
export function isFetchAction(request: Pick<Request, "method" | "headers">): boolean {
  return request.method === "POST" && request.headers.has("next-action");
}

/** What Next treats as a possible action (and so checks the Origin of): a fetch action or any multipart POST. */
export function isPossibleServerAction(request: Pick<Request, "method" | "headers">): boolean {
  if (request.method !== "POST") return false;
  return request.headers.has("next-action") || (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
}

/**
 * Next refuses an action whose Origin is not this host (X-Forwarded-Host when set,
 * else Host), is "null", or is not a URL; without an Origin it lets the action run (a browser
 * always sends one with a POST). The action never runs; the answer should be a 403, not a 500.
 */
export function isCrossOriginAction(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return false;
  let originHost: string;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    return true;
  }
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  return !host || originHost !== host;
}

/**
 * Whether a fetch action's body is one Next can decode: React sends either JSON text (simple
 * arguments) or a multipart form whose field "0" is the JSON root (a form, files).
 */
export async function isDecodableActionBody(body: Buffer, contentType: string | null): Promise<boolean> {
  try {
    if ((contentType ?? "").toLowerCase().startsWith("multipart/form-data")) {
      const form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType! } }).formData();
      const root = form.get("0");
      if (typeof root !== "string") return false;
      JSON.parse(root);
      return true;
    }
    JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
    return true;
  } catch {
    return false;
  }
}

export function crossOriginActionResponse(): Response {
  return new Response("Forbidden: this form was posted from another site.\n", {
    status: 403,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

export function undecodableActionResponse(): Response {
  return new Response("Bad request: this form could not be read. Please reload the page and try again.\n", {
    status: 400,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}
