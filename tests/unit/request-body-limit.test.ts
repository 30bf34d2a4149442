import { describe, expect, it } from "vitest";
import { readLimitedBytes } from "@/lib/http/read-limited-body";
import { ADMIN_BODY_LIMIT_BYTES, PUBLIC_BODY_LIMIT_BYTES, bodyLimitFor, hasBodyWithoutLength, isBodyTooLarge } from "@/lib/http/request-body-limit";

const withLength = (length: string) => new Headers({ "content-length": length });

describe("request body limit", () => {
  it("refuses a public POST declaring more than 1 MB, wherever it is sent", () => {
    for (const path of ["/", "/campaigns/radios", "/donate", "/api/webhooks/stripe", "/administrator"]) {
      expect(isBodyTooLarge(path, withLength(String(PUBLIC_BODY_LIMIT_BYTES + 1))), path).toBe(true);
    }
  });

  it("lets through bodies up to 1 MB and requests with no declared body", () => {
    expect(isBodyTooLarge("/campaigns/radios", withLength(String(PUBLIC_BODY_LIMIT_BYTES)))).toBe(false);
    expect(isBodyTooLarge("/campaigns/radios", new Headers())).toBe(false);
  });

  it("refuses a declared length that is not a number", () => {
    expect(isBodyTooLarge("/", withLength("lots"))).toBe(true);
  });

  it("leaves the admin's pages to Next's larger limit, for image uploads", () => {
    expect(isBodyTooLarge("/admin", withLength("10000000"))).toBe(false);
    expect(isBodyTooLarge("/admin/campaigns/1", withLength("10000000"))).toBe(false);
  });
});

describe("bodies without a declared length (chunked)", () => {
  it("are recognised, so the proxy counts them to the limit instead of letting Next buffer 11 MB", () => {
    const stream = new Request("http://x/", { method: "POST", body: "x" }).body;
    expect(hasBodyWithoutLength({ headers: new Headers(), body: stream })).toBe(true);
    expect(hasBodyWithoutLength({ headers: withLength("10"), body: stream })).toBe(false);
    expect(hasBodyWithoutLength({ headers: new Headers(), body: null })).toBe(false);
  });

  it("are held to 1 MB in public and to Next's 11 MB action limit on the admin's pages", () => {
    expect(bodyLimitFor("/campaigns/radios")).toBe(PUBLIC_BODY_LIMIT_BYTES);
    expect(bodyLimitFor("/administrator")).toBe(PUBLIC_BODY_LIMIT_BYTES);
    expect(bodyLimitFor("/admin/images")).toBe(ADMIN_BODY_LIMIT_BYTES);
    expect(isBodyTooLarge("/admin/images", withLength(String(ADMIN_BODY_LIMIT_BYTES + 1)))).toBe(true);
  });

  it("are cut off at the limit as they stream in, never read whole", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const request = new Request("http://x/", { method: "POST", body: endless, duplex: "half" } as RequestInit);
    expect(await readLimitedBytes(request, PUBLIC_BODY_LIMIT_BYTES)).toEqual({ ok: false, reason: "too-large" });
    expect(pulled).toBeLessThan(20);
  });
});
