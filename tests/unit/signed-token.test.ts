import { describe, expect, it } from "vitest";
import { signManageSession, verifyManageSession } from "@/lib/donors/manage-session";
import { manageToken, verifyManageToken } from "@/lib/payments/manage-link";
import { receiptToken, verifyReceiptToken } from "@/lib/receipts/receipt-link";
import { keyedHash, SIGNED_TOKEN_PURPOSES, signFields, verifyFields } from "@/lib/security/signed-token";
import { privateRateLimitKey } from "@/lib/rate-limit/private-key";
import { signUnsubscribeToken, verifyUnsubscribeToken } from "@/lib/subscribers/tokens";

const SECRET = "test-secret-0123456789abcdef0123456789abcdef";
const GIFT = "0b7c1a52-6f1e-4d8a-9d3e-2a4b5c6d7e8f";
const SUBSCRIBER = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const anything = () => true;

// Made by the four hand-written HMAC modules before they shared lib/security/signed-token.ts:
// links already sent in receipts and update emails must keep verifying, byte for byte. The
// session is the v2 one (it names the emailed link, so signing out ends it), as first issued.
const ISSUED_BEFORE = {
  receipt: `${GIFT}.m3O9lICHpRfOMZAR8YPjGv58WUnMxZvkrT5z7URl5JM`,
  manage: "cus_Q1w2E3r4T5y6.29n1aDx6wTSfSfaUa-Gt3Fsz2fWTx_qfyiSPHfhaS3c",
  session: `${GIFT}.1796652000.QOCHAL6llq_nGh6q_hzQiS3xWhnKcyOmeuB2ikKbF-Y`,
  unsubscribe: `${SUBSCRIBER}.9XwzGqpx6fAYpjBSj2ouazEV-4N0NI9SBX4SCvOwzsg`,
  rateLimit: "5E__79klbgclf0DYJtxd7pmq8cXUOVgG",
};

describe("signed tokens: one module, the links' first wire format", () => {
  it("signs exactly what was issued before, and verifies it", () => {
    const now = new Date("2026-12-07T12:00:00Z");
    expect(receiptToken(GIFT, SECRET)).toBe(ISSUED_BEFORE.receipt);
    expect(manageToken("cus_Q1w2E3r4T5y6", SECRET)).toBe(ISSUED_BEFORE.manage);
    expect(signManageSession(GIFT, SECRET, now).value).toBe(ISSUED_BEFORE.session);
    expect(signUnsubscribeToken(SUBSCRIBER, SECRET)).toBe(ISSUED_BEFORE.unsubscribe);
    expect(privateRateLimitKey("manage-link-address", "donor@example.org", SECRET)).toBe(ISSUED_BEFORE.rateLimit);

    expect(verifyReceiptToken(ISSUED_BEFORE.receipt, SECRET)).toBe(GIFT);
    expect(verifyManageToken(ISSUED_BEFORE.manage, SECRET)).toBe("cus_Q1w2E3r4T5y6");
    expect(verifyManageSession(ISSUED_BEFORE.session, SECRET, now)).toBe(GIFT);
    expect(verifyUnsubscribeToken(ISSUED_BEFORE.unsubscribe, SECRET)).toBe(SUBSCRIBER);
  });

  it("keeps purposes apart: a signature for one use verifies for no other, under the same secret", () => {
    const purposes = Object.values(SIGNED_TOKEN_PURPOSES);
    for (const purpose of purposes) {
      const token = signFields(purpose, [GIFT], SECRET);
      for (const other of purposes) expect(verifyFields(other, token, SECRET, [anything])).toEqual(other === purpose ? [GIFT] : null);
    }
    // No label starts another, so no choice of fields makes one purpose's message another's.
    for (const a of purposes) for (const b of purposes) if (a !== b) expect(b.label.startsWith(a.label)).toBe(false);
    expect(verifyUnsubscribeToken(`${GIFT}.${ISSUED_BEFORE.receipt.split(".")[1]}`, SECRET)).toBeNull();
    expect(verifyReceiptToken(ISSUED_BEFORE.unsubscribe, SECRET)).toBeNull();
  });

  it("refuses another secret, an altered field or signature, a wrong shape and non-strings", () => {
    const token = signFields(SIGNED_TOKEN_PURPOSES.giftReceipt, [GIFT], SECRET);
    const [id, signature] = token.split(".") as [string, string];
    expect(verifyFields(SIGNED_TOKEN_PURPOSES.giftReceipt, token, `${SECRET}x`, [anything])).toBeNull();
    expect(verifyFields(SIGNED_TOKEN_PURPOSES.giftReceipt, `${id.replace("0b7c", "0b7d")}.${signature}`, SECRET, [anything])).toBeNull();
    const flipped = signature.slice(0, -1) + (signature.endsWith("A") ? "B" : "A");
    expect(verifyFields(SIGNED_TOKEN_PURPOSES.giftReceipt, `${id}.${flipped}`, SECRET, [anything])).toBeNull();
    expect(verifyFields(SIGNED_TOKEN_PURPOSES.giftReceipt, `${id}.${signature}=`, SECRET, [anything])).toBeNull();
    expect(verifyFields(SIGNED_TOKEN_PURPOSES.giftReceipt, `${id}.x.${signature}`, SECRET, [anything])).toBeNull();
    expect(verifyFields(SIGNED_TOKEN_PURPOSES.giftReceipt, token, SECRET, [() => false])).toBeNull();
    for (const value of [undefined, null, 42, {}, "", "."]) expect(verifyFields(SIGNED_TOKEN_PURPOSES.giftReceipt, value, SECRET, [anything])).toBeNull();
    expect(verifyReceiptToken(`not-a-uuid.${signature}`, SECRET)).toBeNull();
  });

  it("refuses fields that would make the format ambiguous", () => {
    for (const fields of [[], [""], ["a.b"], ["a\nb"]]) expect(() => signFields(SIGNED_TOKEN_PURPOSES.giftReceipt, fields, SECRET)).toThrow();
  });

  it("keyed hashes differ by purpose and secret, and are as long as asked", () => {
    expect(keyedHash(SIGNED_TOKEN_PURPOSES.rateLimitKey, "x", SECRET)).toHaveLength(43);
    expect(keyedHash(SIGNED_TOKEN_PURPOSES.rateLimitKey, "x", SECRET, 32)).toHaveLength(32);
    expect(keyedHash(SIGNED_TOKEN_PURPOSES.rateLimitKey, "x", SECRET)).not.toBe(keyedHash(SIGNED_TOKEN_PURPOSES.unsubscribe, "x", SECRET));
    expect(keyedHash(SIGNED_TOKEN_PURPOSES.rateLimitKey, "x", SECRET)).not.toBe(keyedHash(SIGNED_TOKEN_PURPOSES.rateLimitKey, "x", `${SECRET}x`));
  });
});
