/**
 * How large a request body may be. Image uploads need Next's action limit raised to 11 MB
 * (next.config.js), and Next reads an action's whole body before the action can check who sent
 * it; so the proxy refuses a declared body over 1 MB (Next's own default) anywhere but the
 * admin's pages, where uploads are posted. Admin actions still check the admin themselves.
 */
export const PUBLIC_BODY_LIMIT_BYTES = 1024 * 1024;

export function isBodyTooLarge(pathname: string, headers: Headers): boolean {
  if (pathname === "/admin" || pathname.startsWith("/admin/")) return false;
  const declared = headers.get("content-length");
  if (declared === null) return false;
  const length = Number(declared);
  return !Number.isFinite(length) || length > PUBLIC_BODY_LIMIT_BYTES;
}

export function bodyTooLargeResponse(): Response {
  return new Response("Payload too large: this request's body is over 1 MB.\n", {
    status: 413,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", connection: "close" },
  });
}
