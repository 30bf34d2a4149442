import { expect, it } from "vitest";
import { consumeRateLimit } from "@/lib/rate-limit/rate-limit";
import { clientAddress, PEER_ADDRESS_HEADER } from "@/lib/rate-limit/client-address";
import { describeEachDatabase } from "../support/test-database";

describeEachDatabase("rate limit in the shared store", (db) => {
  const rule = { name: "test-burst", points: 3, durationSeconds: 60 };

  it("allows the points in a window, then refuses with a retry time", async () => {
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await consumeRateLimit(db(), rule, "203.0.113.7"));
    expect(results.slice(0, 3).every((r) => r.allowed)).toBe(true);
    const refused = results[3];
    expect(refused?.allowed).toBe(false);
    if (refused && !refused.allowed) expect(refused.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("keeps keys and rules apart", async () => {
    expect((await consumeRateLimit(db(), rule, "198.51.100.1")).allowed).toBe(true);
    expect((await consumeRateLimit(db(), { ...rule, name: "other-rule" }, "203.0.113.7")).allowed).toBe(true);
  });

  it("counts concurrent hits exactly (atomic upsert)", async () => {
    const burst = { name: "concurrent", points: 20, durationSeconds: 60 };
    const results = await Promise.all(Array.from({ length: 30 }, () => consumeRateLimit(db(), burst, "192.0.2.9")));
    expect(results.filter((r) => r.allowed)).toHaveLength(20);
  });
});

it("keys on the connection's address by default: rotating X-Forwarded-For does not escape the limit", () => {
  // The default TRUSTED_PROXY_HOPS=0; the peer header is what lib/rate-limit/peer-address.ts stamps.
  const keys = ["1.2.3.4", "5.6.7.8", "203.0.113.7"].map((forged) =>
    clientAddress(new Headers({ "x-forwarded-for": forged, "x-real-ip": forged, [PEER_ADDRESS_HEADER]: "192.0.2.44" })),
  );
  expect(new Set(keys)).toEqual(new Set(["192.0.2.44"]));
  expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.7" }))).toBe("unknown-client");
});
