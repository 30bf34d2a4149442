import { describe, expect, it } from "vitest";
import { clientAddress, PEER_ADDRESS_HEADER, rateLimitGroup, resolveClientAddress } from "@/lib/rate-limit/client-address";

/** Issue 23, finding 8: an IPv6 client can use any address of its /64, so it is limited as one. */
describe("rate-limit groups", () => {
  it.each([
    ["2001:db8:1:2:a:b:c:d", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::1", "2001:db8:1:2::/64"],
    ["2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002:0000:0000:0000:0001", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["[2001:db8:1:2::5]", "2001:db8:1:2::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["64:ff9b::192.0.2.1", "64:ff9b:0:0::/64"],
  ])("%s is limited as %s", (address, group) => {
    expect(rateLimitGroup(address)).toBe(group);
  });

  it("leaves IPv4 addresses and the unknown bucket as they are", () => {
    expect(rateLimitGroup("203.0.113.7")).toBe("203.0.113.7");
    expect(rateLimitGroup("unknown-client")).toBe("unknown-client");
    expect(rateLimitGroup("2001:db8::zz")).toBe("2001:db8::zz");
  });

  it("gives every address of one /64 the same key, and another /64 another", () => {
    const key = (peer: string) => resolveClientAddress({ forwardedFor: null, peer, trustedHops: 0 });
    expect(new Set(["2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:dead:beef:0:1"].map(key)).size).toBe(1);
    expect(key("2001:db8:1:3::1")).not.toBe(key("2001:db8:1:2::1"));
    // Behind a trusted proxy too: the client's /64, as the proxy saw it.
    const headers = new Headers({ "x-forwarded-for": "2001:db8:5:6::77", [PEER_ADDRESS_HEADER]: "10.0.0.2" });
    expect(clientAddress(headers, 1)).toBe("2001:db8:5:6::/64");
  });
});
