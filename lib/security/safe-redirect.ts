/**
 * The one guard for "where may we send someone next": a path on this site, or an absolute URL
 * on `appUrl`'s origin. Everything else gives null and the caller uses its fallback.
 *
 * The check is done on the parsed URL, but the raw text is refused first when it holds what
 * the WHATWG URL parser silently rewrites: tabs and newlines are dropped ("/\t/evil.example"
 * becomes "//evil.example") and backslashes become slashes ("/\evil.example"). Encoded
 * slashes are refused too, so a later decoding step cannot turn "/%2F%2Fevil" into "//evil".
 */
const REWRITTEN_BY_PARSER = /[\u0000-\u0020\u007f-\u009f\\]|%(?:2f|5c|09|0a|0d|00)/i;

export function sameOriginUrl(target: unknown, appUrl: string): URL | null {
  if (typeof target !== "string" || target === "" || target.length > 2048) return null;
  if (REWRITTEN_BY_PARSER.test(target)) return null;
  const base = new URL(appUrl);
  const isPath = target.startsWith("/") && !target.startsWith("//");
  if (!isPath && !/^https?:\/\//i.test(target)) return null; // "javascript:", "evil.example", "//host"
  let url: URL;
  try {
    url = new URL(target, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin || url.username || url.password) return null;
  return url;
}

/** The same URL as a site-relative path ("/admin/gifts?page=2"), or null. */
export function sameOriginPath(target: unknown, appUrl: string): string | null {
  const url = sameOriginUrl(target, appUrl);
  return url ? `${url.pathname}${url.search}${url.hash}` : null;
}
