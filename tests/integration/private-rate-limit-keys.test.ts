/**
 * Issue 23, finding 7: the shared rate-limit table keeps keyed hashes, never an email or IP
 * address, for sign-in and checkout as for every other limit.
 */
import type Stripe from "stripe";
import { expect, it, vi } from "vitest";
import { rateLimits } from "@/db/schema";
import { consumeSignInLimits } from "@/lib/rate-limit/address-limits";
import { SIGN_IN_PER_ADDRESS } from "@/lib/rate-limit/rules";
import { startDonation } from "@/lib/payments/start-donation";
import { describeEachDatabase } from "../support/test-database";

vi.stubEnv("AUTH_SECRET", `rate-limit-keys-${"k".repeat(40)}`);

describeEachDatabase("rate-limit keys", (db) => {
  it("of sign-in requests hold neither the address nor the client's IP, and still limit", async () => {
    for (let i = 0; i < SIGN_IN_PER_ADDRESS.points; i++) {
      expect((await consumeSignInLimits(db(), { client: `203.0.113.${i}`, email: "boss@example.org" }, "a-secret")).allowed).toBe(true);
    }
    expect((await consumeSignInLimits(db(), { client: "203.0.113.99", email: "boss@example.org" }, "a-secret")).allowed).toBe(false);
    const keys = (await db().select({ key: rateLimits.key }).from(rateLimits)).map((row) => row.key).join("\n");
    expect(keys).toMatch(/^sign-in-address:/m);
    expect(keys).not.toContain("boss@example.org");
    expect(keys).not.toContain("203.0.113.");
  });

  it("of checkouts hold no IP address", async () => {
    const refused = await startDonation(db(), {} as Stripe, { campaignSlug: "no-such-campaign", values: {}, clientKey: "198.51.100.77" });
    expect(refused.ok).toBe(false);
    const keys = (await db().select({ key: rateLimits.key }).from(rateLimits)).map((row) => row.key).join("\n");
    expect(keys).toMatch(/^checkout:/m);
    expect(keys).not.toContain("198.51.100.77");
  });
});
