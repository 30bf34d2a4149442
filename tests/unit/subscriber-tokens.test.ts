import { describe, expect, it } from "vitest";
import { listUnsubscribeHeaders, confirmationUrl, oneClickUnsubscribeUrl, unsubscribePageUrl } from "@/lib/subscribers/subscriber-links";
import { describeLifetime } from "@/lib/subscribers/subscription-settings";
import {
  confirmationExpiresAt,
  createConfirmationToken,
  hashConfirmationToken,
  isExpired,
  isWellFormedConfirmationToken,
  signUnsubscribeToken,
  verifyUnsubscribeToken,
} from "@/lib/subscribers/tokens";
import { privateRateLimitKey } from "@/lib/rate-limit/private-key";

const SUBSCRIBER = "0b5c4f3e-8a7d-4c2b-9e1f-2a3b4c5d6e7f";
const SECRET = "unit-test-secret";

describe("confirmation tokens", () => {
  it("are random, URL-safe, and stored only as their SHA-256", () => {
    const a = createConfirmationToken();
    const b = createConfirmationToken();
    expect(a.token).not.toBe(b.token);
    expect(isWellFormedConfirmationToken(a.token)).toBe(true);
    expect(a.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.tokenHash).toBe(hashConfirmationToken(a.token));
    expect(a.tokenHash).not.toContain(a.token);
    expect(hashConfirmationToken(`${a.token.slice(0, -1)}x`)).not.toBe(a.tokenHash);
  });

  it.each([[""], ["short"], ["a".repeat(44)], [`${"a".repeat(42)}=`], [`${"a".repeat(42)}/`], [null], [undefined]])(
    "rejects the malformed token %j before any lookup",
    (token) => {
      expect(isWellFormedConfirmationToken(token)).toBe(false);
    },
  );

  it("expire after the configured lifetime, not a millisecond later", () => {
    const now = new Date("2026-03-01T12:00:00Z");
    const expiresAt = confirmationExpiresAt(now, 48);
    expect(expiresAt.toISOString()).toBe("2026-03-03T12:00:00.000Z");
    expect(isExpired(expiresAt, new Date(expiresAt.getTime() - 1))).toBe(false);
    expect(isExpired(expiresAt, expiresAt)).toBe(true);
    expect(confirmationExpiresAt(now, 0.5).toISOString()).toBe("2026-03-01T12:30:00.000Z");
  });

  it("describe their lifetime in words", () => {
    expect(describeLifetime(48)).toBe("2 days");
    expect(describeLifetime(24)).toBe("24 hours");
    expect(describeLifetime(1)).toBe("1 hour");
    expect(describeLifetime(0.5)).toBe("30 minutes");
    expect(describeLifetime(0.001)).toBe("1 minute");
  });
});

describe("unsubscribe tokens (HMAC-signed)", () => {
  it("round-trip to the subscriber id", () => {
    const token = signUnsubscribeToken(SUBSCRIBER, SECRET);
    expect(token.startsWith(`${SUBSCRIBER}.`)).toBe(true);
    expect(verifyUnsubscribeToken(token, SECRET)).toBe(SUBSCRIBER);
  });

  it("refuse another secret, another id, a changed signature and junk", () => {
    const token = signUnsubscribeToken(SUBSCRIBER, SECRET);
    const otherId = "1b5c4f3e-8a7d-4c2b-9e1f-2a3b4c5d6e7f";
    const signature = token.split(".")[1]!;
    expect(verifyUnsubscribeToken(token, "another-secret")).toBeNull();
    expect(verifyUnsubscribeToken(`${otherId}.${signature}`, SECRET)).toBeNull();
    expect(verifyUnsubscribeToken(`${SUBSCRIBER}.${signature.slice(0, -2)}AA`, SECRET)).toBeNull();
    expect(verifyUnsubscribeToken(`${SUBSCRIBER}.${signature.slice(0, 10)}`, SECRET)).toBeNull();
    expect(verifyUnsubscribeToken(`${token}.extra`, SECRET)).toBeNull();
    expect(verifyUnsubscribeToken(`not-a-uuid.${signature}`, SECRET)).toBeNull();
    expect(verifyUnsubscribeToken("", SECRET)).toBeNull();
    expect(verifyUnsubscribeToken(undefined, SECRET)).toBeNull();
  });

  it("make rate-limit keys that hide the address and depend on the secret", () => {
    const key = privateRateLimitKey("address", "ada@example.org", SECRET);
    expect(key).not.toContain("ada");
    expect(key).toHaveLength(32);
    expect(privateRateLimitKey("address", "ada@example.org", "other")).not.toBe(key);
    expect(privateRateLimitKey("client", "ada@example.org", SECRET)).not.toBe(key);
  });
});

describe("subscriber links", () => {
  it("build absolute URLs and RFC 8058 headers", () => {
    const base = "https://give.example.org/";
    expect(confirmationUrl(base, "abc")).toBe("https://give.example.org/subscribe/confirm?token=abc");
    const token = signUnsubscribeToken(SUBSCRIBER, SECRET);
    expect(unsubscribePageUrl(base, SUBSCRIBER, SECRET)).toBe(`https://give.example.org/unsubscribe?token=${token}`);
    const oneClick = oneClickUnsubscribeUrl(base, SUBSCRIBER, SECRET);
    expect(oneClick).toBe(`https://give.example.org/unsubscribe/one-click?token=${token}`);
    expect(listUnsubscribeHeaders(base, SUBSCRIBER, SECRET)).toEqual({
      "List-Unsubscribe": `<${oneClick}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });
});
