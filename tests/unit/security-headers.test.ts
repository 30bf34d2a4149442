import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, pagePolicyFor, securityHeaders } from "@/lib/security/headers";

const directives = (policy: string) => new Map(policy.split("; ").map((part) => [part.split(" ")[0]!, part.split(" ").slice(1).join(" ")]));

describe("which policy a path gets", () => {
  it.each([
    ["/admin", "dynamic"],
    ["/admin/", "dynamic"],
    ["/admin/gifts", "dynamic"],
    ["/admin/gifts/9b2d", "dynamic"],
    ["/admin/campaigns/new", "dynamic"],
    ["/admin/campaigns/3f9a", "dynamic"],
    ["/admin/admins", "dynamic"],
    ["/admin/updates", "dynamic"],
    ["/admin/updates/new", "dynamic"],
    ["/admin/updates/7c1e", "dynamic"],
    ["/sign-in", "dynamic"],
    ["/sign-in/error", "dynamic"],
    ["/donate", "dynamic"],
    ["/donate/thank-you", "dynamic"],
    ["/donate/manage", "dynamic"],
    ["/subscribe/confirm", "dynamic"],
    ["/unsubscribe", "dynamic"],
    ["/dev/mailbox", "dynamic"],
    ["/receipts/3f9a.sig", "dynamic"],
    // Prerendered or ISR-cached: a nonce there would block their scripts.
    ["/", "cached"],
    ["/home/current", "cached"],
    ["/campaigns/water", "cached"],
    ["/privacy", "cached"],
    ["/about", "cached"],
    ["/updates", "cached"],
    ["/updates/feed.xml", "cached"],
    ["/sign-in/check-email", "cached"],
    ["/donate/manage/done", "cached"],
    ["/admin/no-such-page", "cached"],
    ["/no-such-page", "cached"],
    ["/stripe-emulator/checkout/cs_test_1", "emulator"],
  ])("%s → %s", (path, policy) => {
    expect(pagePolicyFor(path)).toBe(policy);
  });
});

describe("the Content-Security-Policy", () => {
  it("on dynamic pages allows scripts by this request's nonce only", () => {
    const policy = directives(contentSecurityPolicy("dynamic", { appUrl: "https://give.example.org", nonce: "abc123" }));
    expect(policy.get("script-src")).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.get("object-src")).toBe("'none'");
    expect(policy.get("base-uri")).toBe("'self'");
    expect(policy.get("form-action")).toBe("'self' https://give.example.org https://checkout.stripe.com https://billing.stripe.com");
    expect(policy.has("upgrade-insecure-requests")).toBe(true);
    expect(() => contentSecurityPolicy("dynamic", { appUrl: "https://give.example.org" })).toThrow();
  });

  it("on cached pages allows this site's scripts and inline ones, never eval or another origin", () => {
    const policy = directives(contentSecurityPolicy("cached", { appUrl: "http://localhost:3000" }));
    expect(policy.get("script-src")).toBe("'self' 'unsafe-inline'");
    expect(policy.get("connect-src")).toBe("'self'");
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.has("upgrade-insecure-requests")).toBe(false);
  });

  it("on the emulator's pages allows no script at all", () => {
    const policy = directives(contentSecurityPolicy("emulator", { appUrl: "http://localhost:3000" }));
    expect(policy.get("default-src")).toBe("'none'");
    expect(policy.has("script-src")).toBe(false);
    expect(policy.get("frame-ancestors")).toBe("'none'");
  });

  it("adds eval only for next dev", () => {
    expect(contentSecurityPolicy("cached", { appUrl: "http://localhost:3000", development: true })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy("dynamic", { appUrl: "http://localhost:3000", nonce: "n" })).not.toContain("unsafe-eval");
  });

  it("uses a fresh 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("the other security headers", () => {
  it("are sent everywhere, with HSTS only on https", () => {
    expect(securityHeaders("https://give.example.org")).toMatchObject({
      "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
      "Referrer-Policy": "same-origin",
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Permissions-Policy": expect.stringContaining("payment=()"),
    });
    expect(securityHeaders("http://localhost:3000")).not.toHaveProperty("Strict-Transport-Security");
  });
});
