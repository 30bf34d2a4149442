import { describe, expect, it } from "vitest";
import { PUBLIC_BODY_LIMIT_BYTES, isBodyTooLarge } from "@/lib/http/request-body-limit";

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
