/**
 * Auth.js answers a callback URL it cannot use (in the query or in its callback-url cookie:
 * `?callbackUrl=%00`, `javascript:…`) with a 500 (@auth/core's assertConfig). The route refuses
 * those first with a 400, by the same test: an http(s) URL, a path resolved against the site.
 */
const CALLBACK_URL_COOKIES = ["authjs.callback-url", "__Secure-authjs.callback-url"];

function isHttpUrl(value: string, origin: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? origin : undefined).protocol);
  } catch {
    return false;
  }
}

export function hasUnusableCallbackUrl(request: Request, cookies: { get(name: string): { value: string } | undefined }): boolean {
  const url = new URL(request.url);
  const fromQuery = url.searchParams.get("callbackUrl");
  if (fromQuery && !isHttpUrl(fromQuery, url.origin)) return true;
  return CALLBACK_URL_COOKIES.some((name) => {
    const value = cookies.get(name)?.value;
    return !!value && !isHttpUrl(value, url.origin);
  });
}

export function unusableCallbackUrlResponse(): Response {
  return Response.json({ error: "This sign-in address is not valid." }, { status: 400, headers: { "cache-control": "no-store" } });
}
