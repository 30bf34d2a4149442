import { describe, expect, it } from "vitest";
import { isCrossOriginAction, isDecodableActionBody, isFetchAction, isPossibleServerAction } from "@/lib/http/server-action-request";
import { hasUnusableCallbackUrl } from "@/lib/auth/auth-request-guard";
import { parseGiftFilter } from "@/lib/reports/report-filters";

const post = (headers: Record<string, string>) => ({ method: "POST", headers: new Headers(headers) });

describe("server action requests the proxy refuses before Next turns them into a 500", () => {
  it("knows which requests Next treats as actions", () => {
    expect(isFetchAction(post({ "next-action": "7f00" }))).toBe(true);
    expect(isFetchAction({ method: "GET", headers: new Headers({ "next-action": "7f00" }) })).toBe(false);
    expect(isPossibleServerAction(post({ "content-type": "multipart/form-data; boundary=x" }))).toBe(true);
    expect(isPossibleServerAction(post({ "content-type": "application/x-www-form-urlencoded" }))).toBe(false);
    expect(isPossibleServerAction(post({ "content-type": "application/json" }))).toBe(false);
  });

  it("refuses an Origin that is another site, 'null' or not a URL, as Next does (X-Forwarded-Host first)", () => {
    const host = { host: "lantern.example" };
    expect(isCrossOriginAction(new Headers({ ...host, origin: "https://lantern.example" }))).toBe(false);
    expect(isCrossOriginAction(new Headers(host))).toBe(false); // no Origin: Next lets it run
    expect(isCrossOriginAction(new Headers({ ...host, origin: "https://evil.example" }))).toBe(true);
    expect(isCrossOriginAction(new Headers({ ...host, origin: "null" }))).toBe(true);
    expect(isCrossOriginAction(new Headers({ ...host, origin: "garbage" }))).toBe(true);
    expect(isCrossOriginAction(new Headers({ host: "10.0.0.11:3000", "x-forwarded-host": "lantern.example, proxy", origin: "https://lantern.example" }))).toBe(
      false,
    );
    expect(isCrossOriginAction(new Headers({ host: "lantern.example", "x-forwarded-host": "other.example", origin: "https://lantern.example" }))).toBe(true);
  });

  it("accepts what React sends (JSON text, a multipart form with its JSON root) and nothing Next cannot decode", async () => {
    const form = (body: string) =>
      [
        Buffer.from(body.replace(/\n/g, "\r\n").replace(/--b/g, "--WebKitFormBoundary7MA4YWxk")),
        "multipart/form-data; boundary=WebKitFormBoundary7MA4YWxk",
      ] as const;
    expect(await isDecodableActionBody(Buffer.from('[{},"$K1"]'), "text/plain;charset=UTF-8")).toBe(true);
    expect(
      await isDecodableActionBody(
        ...form('--b\nContent-Disposition: form-data; name="0"\n\n["$K1"]\n--b\nContent-Disposition: form-data; name="1_email"\n\na@b.c\n--b--\n'),
      ),
    ).toBe(true);

    expect(await isDecodableActionBody(Buffer.from("not json at all"), "text/plain")).toBe(false);
    expect(await isDecodableActionBody(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), "application/octet-stream")).toBe(false);
    expect(await isDecodableActionBody(...form('--b\nContent-Disposition: form-data; name="0"\n\n["$K1"'))).toBe(false); // cut off
    expect(await isDecodableActionBody(Buffer.from("abc"), "multipart/form-data")).toBe(false); // no boundary
    expect(await isDecodableActionBody(...form('--b\nContent-Disposition: form-data; name="x"\n\n1\n--b--\n'))).toBe(false); // no root
    expect(await isDecodableActionBody(...form('--b\nContent-Disposition: form-data; name="0"\n\n{not json\n--b--\n'))).toBe(false);
  });
});

describe("other inputs that gave a 500", () => {
  it("Auth.js's callback URL: only an http(s) address or a path, in the query or its cookie", () => {
    const noCookies = { get: () => undefined };
    const request = (query: string) => new Request(`http://127.0.0.1:3000/api/auth/csrf${query}`);
    expect(hasUnusableCallbackUrl(request(""), noCookies)).toBe(false);
    expect(hasUnusableCallbackUrl(request("?callbackUrl=%2Fadmin"), noCookies)).toBe(false);
    expect(hasUnusableCallbackUrl(request("?callbackUrl=http%3A%2F%2F127.0.0.1%3A3000%2Fadmin"), noCookies)).toBe(false);
    expect(hasUnusableCallbackUrl(request("?callbackUrl=%00"), noCookies)).toBe(true);
    expect(hasUnusableCallbackUrl(request("?callbackUrl=javascript%3Aalert(1)"), noCookies)).toBe(true);
    expect(hasUnusableCallbackUrl(request(""), { get: (name: string) => (name === "authjs.callback-url" ? { value: "\u0000" } : undefined) })).toBe(true);
  });

  it("a donor search with a NUL or other control characters (PostgreSQL refuses a NUL in text)", () => {
    expect(parseGiftFilter({ q: "a\u0000b" }).donorSearch).toBe("ab");
    expect(parseGiftFilter({ q: "\u0000" }).donorSearch).toBeUndefined();
    expect(parseGiftFilter({ q: "ada\u0007\u001b" }).donorSearch).toBe("ada");
  });
});
