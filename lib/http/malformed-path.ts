/**
 * Whether a request path cannot be percent-decoded (`/campaigns/%E0%A4%A`, `/%zz`): Next 16
 * answers those with a bare 500 ("Failed to decode path param(s)") from inside its router, so
 * the proxy refuses them first with a 400.
 */
export function isMalformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

export function badPathResponse(): Response {
  return new Response("Bad request: this address is not valid.\n", {
    status: 400,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}
