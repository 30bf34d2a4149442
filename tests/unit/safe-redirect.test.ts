import { describe, expect, it } from "vitest";
import { adminCallbackPath } from "@/lib/auth/admin-callback-path";
import { sameOriginPath } from "@/lib/security/safe-redirect";

const APP_URL = "https://give.example.org";

describe("the redirect guard", () => {
  it.each([
    ["/admin", "/admin"],
    ["/admin/gifts?page=2#recent", "/admin/gifts?page=2#recent"],
    ["/campaigns/water", "/campaigns/water"],
    [`${APP_URL}/admin`, "/admin"],
    ["HTTPS://GIVE.EXAMPLE.ORG/admin", "/admin"],
    ["https://give.example.org:443/admin", "/admin"],
    ["/admin/../donate", "/donate"],
    ["/admin/%E2%9C%93", "/admin/%E2%9C%93"],
  ])("keeps %j on the site as %j", (target, expected) => {
    expect(sameOriginPath(target, APP_URL)).toBe(expected);
  });

  it.each([
    ["a tab inside a path", "/\t/evil.example"],
    ["a tab after the first slash", "/\t\t/evil.example/admin"],
    ["a newline", "/\n/evil.example"],
    ["a carriage return", "/\r/evil.example"],
    ["a NUL", "/\u0000/evil.example"],
    ["a backslash host", "/\\evil.example"],
    ["two backslashes", "\\\\evil.example"],
    ["a backslash after a slash", "/\\/evil.example"],
    ["a mixed slash host", "\\/evil.example"],
    ["a protocol-relative host", "//evil.example"],
    ["a protocol-relative host with a path", "//evil.example/admin"],
    ["three slashes", "///evil.example"],
    ["an encoded slash", "/%2F%2Fevil.example"],
    ["an encoded lower-case slash", "/%2f/evil.example"],
    ["an encoded backslash", "/%5Cevil.example"],
    ["an encoded tab", "/%09/evil.example"],
    ["javascript:", "javascript:alert(document.domain)"],
    ["JavaScript: with spaces", " javascript:alert(1)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["another origin", "https://evil.example/admin"],
    ["a look-alike origin", "https://give.example.org.evil.example/admin"],
    ["credentials before the host", "https://give.example.org@evil.example/admin"],
    ["credentials on our host", "https://user:pass@give.example.org/admin"],
    ["plain http on an https site", "http://give.example.org/admin"],
    ["another port", "https://give.example.org:8443/admin"],
    ["a bare host name", "evil.example"],
    ["a relative path without slash", "admin"],
    ["a leading space", " /admin"],
    ["an empty string", ""],
    ["a number", 42],
    ["an object", { href: "/admin" }],
    ["null", null],
    ["something huge", `/${"a".repeat(5000)}`],
  ])("refuses %s", (_label, target) => {
    expect(sameOriginPath(target, APP_URL)).toBeNull();
  });
});

describe("where sign-in leads back to", () => {
  it.each([
    ["/admin/gifts", "/admin/gifts"],
    [`${APP_URL}/admin/campaigns?edit=1`, "/admin/campaigns?edit=1"],
    ["/admin\t/evil.example", "/admin"],
    ["/\t/evil.example", "/admin"],
    ["/donate", "/admin"],
    ["/administrator", "/admin"],
    ["https://evil.example/admin", "/admin"],
    [undefined, "/admin"],
  ])("%j → %j", (target, expected) => {
    expect(adminCallbackPath(target, APP_URL)).toBe(expected);
  });
});
