import { describe, expect, it } from "vitest";
import { framesOwnEmbeds } from "@/lib/security/framable-routes";
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
    ["/admin/campaigns/3f9a/embed", "dynamic"],
    ["/admin/campaigns/3f9a/matching", "dynamic"],
    ["/admin/campaigns/3f9a/questions", "dynamic"],
    ["/admin/gifts/offline/new", "dynamic"],
    ["/admin/gifts/offline/5d0e", "dynamic"],
    ["/admin/matches/8a1b", "dynamic"],
    ["/admin/matches", "cached"],
    // The embed routes: cached like campaign pages, and the only ones another site may frame.
    ["/embed/campaigns/water/form", "embed"],
    ["/embed/campaigns/water/progress", "embed"],
    ["/embed/campaigns/water/progress/", "embed"],
    ["/embed.js", "cached"],
    ["/embed/loader/0123456789ab.js", "cached"],
    ["/embed/campaigns/water", "cached"],
    ["/embed/campaigns/water/form/extra", "cached"],
    ["/embed/campaigns/Water/form", "cached"],
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

describe("the embed routes' policy", () => {
  it("lets exactly the allowed origins (and this site, for the admin's preview) frame them", () => {
    const policy = directives(
      contentSecurityPolicy("embed", { appUrl: "https://give.example.org", frameAncestors: ["https://www.example.org", "https://*.partner.org"] }),
    );
    expect(policy.get("frame-ancestors")).toBe("'self' https://www.example.org https://*.partner.org");
    // Otherwise as strict as a cached page: the form posts only here and to Stripe, frames nothing.
    expect(policy.get("script-src")).toBe("'self' 'unsafe-inline'");
    expect(policy.get("frame-src")).toBe("'none'");
    expect(policy.get("form-action")).toBe("'self' https://give.example.org https://checkout.stripe.com https://billing.stripe.com");
  });

  it("lets only this site frame them when no origin is allowed", () => {
    expect(directives(contentSecurityPolicy("embed", { appUrl: "https://give.example.org" })).get("frame-ancestors")).toBe("'self'");
  });

  it("never copies into the header an entry that would change the policy", () => {
    const policy = contentSecurityPolicy("embed", {
      appUrl: "https://give.example.org",
      frameAncestors: ["https://a.org; script-src *", "*", "https://ok.org"],
    });
    expect(directives(policy).get("frame-ancestors")).toBe("'self' https://ok.org");
    expect(policy.match(/script-src/g)).toHaveLength(1);
  });

  it("is ignored on every other kind of page, which nobody may frame", () => {
    for (const kind of ["dynamic", "cached", "emulator"] as const) {
      const policy = directives(contentSecurityPolicy(kind, { appUrl: "https://give.example.org", nonce: "n", frameAncestors: ["https://www.example.org"] }));
      expect(policy.get("frame-ancestors")).toBe("'none'");
    }
  });

  it("lets the admin (only) frame this site's own pages, for the share page's preview", () => {
    expect(framesOwnEmbeds("/admin/campaigns/3f9a/embed")).toBe(true);
    expect(framesOwnEmbeds("/admin")).toBe(true);
    expect(framesOwnEmbeds("/administrator")).toBe(false);
    expect(framesOwnEmbeds("/campaigns/water")).toBe(false);
    expect(framesOwnEmbeds("/embed/campaigns/water/form")).toBe(false);
    expect(directives(contentSecurityPolicy("dynamic", { appUrl: "https://give.example.org", nonce: "n", framesSelf: true })).get("frame-src")).toBe("'self'");
    expect(directives(contentSecurityPolicy("dynamic", { appUrl: "https://give.example.org", nonce: "n" })).get("frame-src")).toBe("'none'");
  });
});

describe("the other security headers", () => {
  it("leave X-Frame-Options out on embed routes only", () => {
    expect(securityHeaders("https://give.example.org", { framable: true })).not.toHaveProperty("X-Frame-Options");
    expect(securityHeaders("https://give.example.org")).toHaveProperty("X-Frame-Options", "DENY");
  });

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
