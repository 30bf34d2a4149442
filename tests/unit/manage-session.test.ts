import { describe, expect, it } from "vitest";
import { MANAGE_SESSION_LIFETIME_SECONDS, signManageSession, verifyManageSession } from "@/lib/donors/manage-session";
import { createManageLinkToken, hashManageLinkToken, isWellFormedManageLinkToken } from "@/lib/donors/manage-link-token";

const DONOR = "6f1c2b9e-3d4a-4b5c-8d6e-7f8091a2b3c4"; // a session id (the emailed link's row)
const SECRET = "a-test-secret";

describe("the giving page's session", () => {
  it("names the donor it was signed for until it expires", () => {
    const now = new Date("2026-01-01T10:00:00Z");
    const { value, expires } = signManageSession(DONOR, SECRET, now);
    expect(expires.getTime() - now.getTime()).toBe(MANAGE_SESSION_LIFETIME_SECONDS * 1000);
    expect(verifyManageSession(value, SECRET, now)).toBe(DONOR);
    expect(verifyManageSession(value, SECRET, new Date(expires.getTime() - 1000))).toBe(DONOR);
    expect(verifyManageSession(value, SECRET, expires)).toBeNull();
  });

  it("refuses another secret, an altered donor or expiry, and anything malformed", () => {
    const now = new Date("2026-01-01T10:00:00Z");
    const { value } = signManageSession(DONOR, SECRET, now);
    const [, expires, signature] = value.split(".");
    expect(verifyManageSession(value, "another-secret", now)).toBeNull();
    expect(verifyManageSession(`${DONOR.replace("6f", "7f")}.${expires}.${signature}`, SECRET, now)).toBeNull();
    expect(verifyManageSession(`${DONOR}.${Number(expires) + 3600}.${signature}`, SECRET, now)).toBeNull();
    for (const bad of [undefined, "", "x", `${value}.extra`, `${DONOR}..${signature}`, 42]) expect(verifyManageSession(bad, SECRET, now)).toBeNull();
  });
});

describe("emailed link tokens", () => {
  it("are 256 random bits; only the hash is stored", () => {
    const a = createManageLinkToken();
    const b = createManageLinkToken();
    expect(a.token).not.toBe(b.token);
    expect(isWellFormedManageLinkToken(a.token)).toBe(true);
    expect(a.tokenHash).toBe(hashManageLinkToken(a.token));
    expect(a.tokenHash).not.toContain(a.token);
    expect(isWellFormedManageLinkToken(`${a.token}=`)).toBe(false);
    expect(isWellFormedManageLinkToken(null)).toBe(false);
  });
});
