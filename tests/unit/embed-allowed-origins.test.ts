import { describe, expect, it } from "vitest";
import { isOriginAllowed, ORIGINS_PER_LIST_MAX, parseAllowedOrigin, parseAllowedOriginList } from "@/lib/embed/allowed-origins";

describe("an allowed origin as an admin types it", () => {
  it.each([
    ["https://www.example.org", "https://www.example.org"],
    ["  https://www.example.org/  ", "https://www.example.org"],
    ["HTTPS://WWW.Example.ORG", "https://www.example.org"],
    ["https://example.org:443", "https://example.org"],
    ["https://example.org:8443", "https://example.org:8443"],
    ["https://*.example.org", "https://*.example.org"],
    ["https://bücher.example", "https://xn--bcher-kva.example"],
    ["http://localhost:3395", "http://localhost:3395"],
    ["http://127.0.0.1:8080", "http://127.0.0.1:8080"],
    ["http://[::1]:8080", "http://[::1]:8080"],
  ])("%s → %s", (typed, origin) => {
    expect(parseAllowedOrigin(typed)).toEqual({ ok: true, origin });
  });

  it.each([
    ["", /Enter an address/],
    ["www.example.org", /full address starting with https/],
    ["https://www.example.org/donate", /without a page path/],
    ["https://www.example.org/?a=1", /without a page path/],
    ["https://www.example.org#x", /without a page path/],
    ["ftp://example.org", /Only https/],
    ["javascript://example.org", /Only https/],
    ["http://www.example.org", /plain http is allowed only for localhost/],
    ["https://user:pw@example.org", /without a user name/],
    ["*", /full address/],
    ["https://*", /subdomains/],
    ["https://*.org", /subdomains of a domain/],
    ["https://www.*.example.org", /at the start/],
    ["https://*.localhost", /subdomains of a domain/],
    ["https://*.10.0.0.1", /subdomains of a domain/],
    ["https://exa mple.org", /not a valid web address/],
    ["https://example.org;script-src", /not a valid web address/],
    [`https://${"a".repeat(200)}.org`, /at most 200/],
  ])("refuses %j", (typed, message) => {
    const parsed = parseAllowedOrigin(typed);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it("never lets a character through that would end or add a CSP directive", () => {
    for (const typed of ["https://a.org;frame-ancestors *", "https://a.org,https://b.org", "https://a.org 'unsafe-inline'", "https://a.org\nb"]) {
      const parsed = parseAllowedOrigin(typed);
      if (parsed.ok) expect(parsed.origin).toMatch(/^https?:\/\/(\*\.)?[a-z0-9.[\]:-]+$/);
    }
  });
});

describe("a list of allowed origins", () => {
  it("takes one per line (or comma or space), without repeats", () => {
    expect(parseAllowedOriginList("https://a.example.org\nhttps://b.example.org, https://a.example.org/\n\n")).toEqual({
      ok: true,
      origins: ["https://a.example.org", "https://b.example.org"],
    });
    expect(parseAllowedOriginList("  ")).toEqual({ ok: true, origins: [] });
  });

  it("is refused whole, naming the first bad entry", () => {
    const parsed = parseAllowedOriginList("https://a.example.org\nhttps://b.example.org/page");
    expect(parsed).toEqual({ ok: false, message: expect.stringContaining("https://b.example.org/page: Enter the site's address only") });
  });

  it("has a limit", () => {
    const many = Array.from({ length: ORIGINS_PER_LIST_MAX + 1 }, (_, index) => `https://site${index}.example.org`).join("\n");
    expect(parseAllowedOriginList(many).ok).toBe(false);
  });
});

describe("whether a page's origin is allowed", () => {
  const allowed = ["https://www.example.org", "https://*.partner.org", "http://localhost:3395"];
  it.each([
    ["https://www.example.org", true],
    ["https://example.org", false],
    ["http://www.example.org", false],
    ["https://www.example.org:8443", false],
    ["https://a.partner.org", true],
    ["https://a.b.partner.org", true],
    ["https://partner.org", false],
    ["https://evilpartner.org", false],
    ["http://a.partner.org", false],
    ["http://localhost:3395", true],
    ["http://localhost:3396", false],
    ["https://www.example.org/", false],
    ["null", false],
    ["not a url", false],
  ])("%s → %s", (origin, expected) => {
    expect(isOriginAllowed(origin, allowed)).toBe(expected);
  });
});
