/**
 * The origins an admin allows to embed Lantern's widgets (docs/embedding.md). An entry is an
 * origin and nothing more: scheme, host and optional port, as CSP `frame-ancestors` and
 * `event.origin` spell them. The one wildcard is a leading `*.` on the host
 * (`https://*.example.org`: every subdomain, not example.org itself), which CSP matches the same
 * way. Plain http only for this machine (localhost, 127.0.0.1, [::1]), where a site is tested
 * before it goes live: anywhere else a network attacker could frame the form through it.
 * Pure: no database, so the admin form, the proxy and the tests share it.
 */
export const ORIGINS_PER_LIST_MAX = 50;
const ORIGIN_LENGTH_MAX = 200;
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export type OriginParse = { ok: true; origin: string } | { ok: false; message: string };

export function parseAllowedOrigin(input: string): OriginParse {
  const text = input.trim();
  if (!text) return { ok: false, message: "Enter an address such as https://www.example.org." };
  if (text.length > ORIGIN_LENGTH_MAX) return { ok: false, message: `An address is at most ${ORIGIN_LENGTH_MAX} characters.` };
  const match = /^([a-z][a-z0-9+.-]*):\/\/(\*\.)?([^/?#]*)(\/?)$/i.exec(text);
  if (!match) {
    return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*[/?#]./i.test(text)
      ? { ok: false, message: "Enter the site's address only (like https://www.example.org), without a page path, query or #." }
      : { ok: false, message: "Enter a full address starting with https://, like https://www.example.org." };
  }
  const [, scheme, wildcard, hostAndPort] = match;
  const protocol = scheme!.toLowerCase();
  if (protocol !== "https" && protocol !== "http") return { ok: false, message: "Only https:// addresses can embed the widgets." };
  if (hostAndPort!.includes("@")) return { ok: false, message: "Enter the site's address without a user name or password." };
  if (hostAndPort!.includes("*")) return { ok: false, message: "A * may only stand for the subdomains, at the start: https://*.example.org." };
  let url: URL;
  try {
    url = new URL(`${protocol}://${hostAndPort}`);
  } catch {
    return { ok: false, message: "That is not a valid web address." };
  }
  const host = url.hostname;
  // Only a DNS name or an IP address: anything else (";", "'", "*") could change the CSP header it goes into.
  if (!host || !/^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])$/.test(host)) return { ok: false, message: "That is not a valid web address." };
  if (wildcard && (LOCAL_HOSTS.has(host) || /^[\d.]+$/.test(host) || host.startsWith("[") || host.split(".").length < 2)) {
    return { ok: false, message: "A * may only stand for the subdomains of a domain: https://*.example.org." };
  }
  if (protocol === "http" && !LOCAL_HOSTS.has(host))
    return { ok: false, message: "Use the site's https:// address: plain http is allowed only for localhost." };
  const origin = `${protocol}://${wildcard ? "*." : ""}${url.host}`;
  return { ok: true, origin };
}

/** Parses a list typed one per line (or separated by commas or spaces); the first problem is reported. */
export function parseAllowedOriginList(input: string): { ok: true; origins: string[] } | { ok: false; message: string } {
  const entries = input.split(/[\s,]+/).filter(Boolean);
  const origins: string[] = [];
  for (const entry of entries) {
    const parsed = parseAllowedOrigin(entry);
    if (!parsed.ok) return { ok: false, message: `${entry.slice(0, 80)}: ${parsed.message}` };
    if (!origins.includes(parsed.origin)) origins.push(parsed.origin);
  }
  if (origins.length > ORIGINS_PER_LIST_MAX) return { ok: false, message: `At most ${ORIGINS_PER_LIST_MAX} addresses.` };
  return { ok: true, origins };
}

/** Whether a page at `origin` (a browser's `event.origin`, never a wildcard) is one of `allowed`. */
export function isOriginAllowed(origin: string, allowed: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false; // a path, or not in its normal form
  return allowed.some((entry) => {
    if (!entry.includes("://*.")) return entry === origin;
    const [scheme, rest] = entry.split("://*.") as [string, string];
    return url.protocol === `${scheme}:` && url.host.endsWith(`.${rest}`) && url.host.length > rest.length + 1;
  });
}
