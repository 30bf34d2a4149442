import { describe, expect, it } from "vitest";
import { emailIdentity } from "@/lib/identity/email-identity";
import { EMAIL_MESSAGES, maskEmailAddress, parseEmailAddress } from "@/lib/subscribers/email-address";

describe("parseEmailAddress", () => {
  it.each([
    ["  ada@example.org  ", "ada@example.org"],
    ["Ada.Lovelace@Example.ORG", "Ada.Lovelace@example.org"],
    ["ada+updates@mail.example.co.uk", "ada+updates@mail.example.co.uk"],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ["ada@bücher.example", "ada@xn--bcher-kva.example"],
    ["user@xn--p1ai.xn--p1ai", "user@xn--p1ai.xn--p1ai"],
    ["a@b.co", "a@b.co"],
  ])("accepts %j as %j (trimmed, domain lower-cased, local part kept)", (raw, expected) => {
    expect(parseEmailAddress(raw)).toEqual({ ok: true, email: expected });
  });

  it.each([
    ["", EMAIL_MESSAGES.missing],
    ["   ", EMAIL_MESSAGES.missing],
    [undefined, EMAIL_MESSAGES.missing],
    [42, EMAIL_MESSAGES.missing],
    ["ada.example.org", EMAIL_MESSAGES.noAt],
    ["ada", EMAIL_MESSAGES.noAt],
    ["ada@", EMAIL_MESSAGES.badDomain],
    ["ada@example", EMAIL_MESSAGES.badDomain],
    ["ada@example.", EMAIL_MESSAGES.badDomain],
    ["ada@.example.org", EMAIL_MESSAGES.badDomain],
    ["ada@example..org", EMAIL_MESSAGES.badDomain],
    ["ada@-example.org", EMAIL_MESSAGES.badDomain],
    ["ada@example-.org", EMAIL_MESSAGES.badDomain],
    ["ada@exa_mple.org", EMAIL_MESSAGES.badDomain],
    ["ada@[192.0.2.1]", EMAIL_MESSAGES.badDomain],
    ["ada@192.0.2.1", EMAIL_MESSAGES.badDomain],
    ["@example.org", EMAIL_MESSAGES.invalid],
    ["ada@@example.org", EMAIL_MESSAGES.invalid],
    ["ada@home@example.org", EMAIL_MESSAGES.invalid],
    [".ada@example.org", EMAIL_MESSAGES.invalid],
    ["ada.@example.org", EMAIL_MESSAGES.invalid],
    ["ada..lovelace@example.org", EMAIL_MESSAGES.invalid],
    ["ada lovelace@example.org", EMAIL_MESSAGES.invalid],
    ["ada@exa mple.org", EMAIL_MESSAGES.invalid],
    ['"ada"@example.org', EMAIL_MESSAGES.invalid],
    ["Ada <ada@example.org>", EMAIL_MESSAGES.invalid],
    ["ada,bob@example.org", EMAIL_MESSAGES.invalid],
    ["ada@example.org\nBcc: victim@example.org", EMAIL_MESSAGES.invalid],
    [`${"a".repeat(65)}@example.org`, EMAIL_MESSAGES.invalid],
    [`ada@${"a".repeat(64)}.org`, EMAIL_MESSAGES.badDomain],
    [`ada@${"abcdefghi.".repeat(25)}org`, EMAIL_MESSAGES.tooLong],
  ])("refuses %j with a plain message", (raw, message) => {
    expect(parseEmailAddress(raw)).toEqual({ ok: false, message });
  });

  it("treats addresses differing only in case as the same person", () => {
    const a = parseEmailAddress("Ada@Example.org");
    const b = parseEmailAddress("ada@EXAMPLE.org");
    expect(a.ok && b.ok && emailIdentity(a.email) === emailIdentity(b.email)).toBe(true);
  });

  it("masks an address for display", () => {
    expect(maskEmailAddress("ada.lovelace@example.org")).toBe("a***@example.org");
    expect(maskEmailAddress("not-an-address")).toBe("***");
  });
});
