/**
 * How large a request body may be. Image uploads need Next's action limit raised to 11 MB
 * (next.config.js), and Next reads an action's whole body before the action can check who sent
 * it; so the proxy refuses a body over 1 MB (Next's own default) anywhere but the admin's
 * pages, where uploads are posted, and over 11 MB there. Admin actions still check the admin
 * themselves. A declared length is refused before anything is read; a body sent without one
 * (chunked) is counted as it arrives and refused at the limit (proxy.ts), as Next would
 * otherwise buffer it up to 11 MB and pass on a truncated body (a 500).
 */
export const PUBLIC_BODY_LIMIT_BYTES = 1024 * 1024;
/** next.config.js's serverActions.bodySizeLimit and proxyClientMaxBodySize ("11mb"). */
export const ADMIN_BODY_LIMIT_BYTES = 11 * 1024 * 1024;

export function bodyLimitFor(pathname: string): number {
  return pathname === "/admin" || pathname.startsWith("/admin/") ? ADMIN_BODY_LIMIT_BYTES : PUBLIC_BODY_LIMIT_BYTES;
}

export function isBodyTooLarge(pathname: string, headers: Headers): boolean {
  const declared = headers.get("content-length");
  if (declared === null) return false;
  const length = Number(declared);
  return !Number.isFinite(length) || length > bodyLimitFor(pathname);
}

/** A body whose size only reading it tells: no Content-Length (Transfer-Encoding: chunked). */
export function hasBodyWithoutLength(request: Pick<Request, "headers" | "body">): boolean {
  return request.body !== null && !request.headers.has("content-length");
}

export function bodyTooLargeResponse(pathname: string): Response {
  const limit = bodyLimitFor(pathname) === ADMIN_BODY_LIMIT_BYTES ? "11 MB" : "1 MB";
  return new Response(`Payload too large: this request's body is over ${limit}.\n`, {
    status: 413,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", connection: "close" },
  });
}
