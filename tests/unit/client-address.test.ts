import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress, PEER_ADDRESS_HEADER, resolveClientAddress, UNKNOWN_CLIENT } from "@/lib/rate-limit/client-address";
import { stampPeerAddressOnRequests } from "@/lib/rate-limit/peer-address";

describe("the client address", () => {
  it.each<[string | null, string | null, number, string]>([
    // No trusted proxy: the connection's address, whatever X-Forwarded-For claims.
    [null, "203.0.113.7", 0, "203.0.113.7"],
    ["198.51.100.1", "203.0.113.7", 0, "203.0.113.7"],
    ["10.0.0.1, 198.51.100.1", "203.0.113.7", 0, "203.0.113.7"],
    [null, "::ffff:203.0.113.7", 0, "203.0.113.7"],
    [null, "2001:db8::1", 0, "2001:db8:0:0::/64"], // an IPv6 client is its /64 (client-address-ipv6.test.ts)
    // One load balancer (the connection) that appended what it saw.
    ["198.51.100.9", "10.0.0.2", 1, "198.51.100.9"],
    ["6.6.6.6, 198.51.100.9", "10.0.0.2", 1, "198.51.100.9"],
    ["6.6.6.6,7.7.7.7 , 198.51.100.9", "10.0.0.2", 1, "198.51.100.9"],
    // A CDN, then a load balancer: the CDN's view is second from the right.
    ["198.51.100.9, 192.0.2.50", "10.0.0.2", 2, "198.51.100.9"],
    ["6.6.6.6, 198.51.100.9, 192.0.2.50", "10.0.0.2", 2, "198.51.100.9"],
    // Fewer entries than hops: the left-most one there is.
    [null, "10.0.0.2", 1, "10.0.0.2"],
    ["198.51.100.9", "10.0.0.2", 2, "198.51.100.9"],
    // Junk entries are skipped rather than used as keys.
    ["6.6.6.6, <script>, ", "10.0.0.2", 1, "6.6.6.6"],
    // No connection address at all (stamp not installed): one shared bucket, never the header.
    ["6.6.6.6", null, 0, UNKNOWN_CLIENT],
    ["6.6.6.6", null, 1, UNKNOWN_CLIENT],
  ])("X-Forwarded-For %j via %j with %i trusted hops → %s", (forwardedFor, peer, trustedHops, expected) => {
    expect(resolveClientAddress({ forwardedFor, peer, trustedHops })).toBe(expected);
  });

  it("reads the headers a request handler sees", () => {
    const headers = new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.9", [PEER_ADDRESS_HEADER]: "10.0.0.2", "x-real-ip": "7.7.7.7" });
    expect(clientAddress(headers, 0)).toBe("10.0.0.2");
    expect(clientAddress(headers, 1)).toBe("198.51.100.9");
    expect(clientAddress(headers, 2)).toBe("6.6.6.6");
  });
});

describe("the peer-address stamp on a real HTTP server", () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    stampPeerAddressOnRequests();
    server = http.createServer((request, response) => {
      const headers = new Headers(request.headers as Record<string, string>);
      response.end(JSON.stringify({ zero: clientAddress(headers, 0), one: clientAddress(headers, 1) }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const ask = (headers: Record<string, string>, localAddress = "127.0.0.1") =>
    new Promise<{ zero: string; one: string }>((resolve, reject) => {
      http
        .get({ host: "127.0.0.1", port, localAddress, headers }, (response) => {
          let body = "";
          response.on("data", (chunk) => (body += chunk));
          response.on("end", () => resolve(JSON.parse(body)));
        })
        .on("error", reject);
    });

  it("uses the socket's address, not what the client wrote", async () => {
    const answers = await Promise.all(
      ["1.1.1.1", "2.2.2.2", "3.3.3.3"].map((forged) => ask({ "x-forwarded-for": forged, [PEER_ADDRESS_HEADER]: forged, "x-real-ip": forged }, "127.0.0.9")),
    );
    expect(answers.map((answer) => answer.zero)).toEqual(["127.0.0.9", "127.0.0.9", "127.0.0.9"]);
    // With one trusted hop the connection is that proxy, and the entry it appended is the client.
    expect(answers.map((answer) => answer.one)).toEqual(["1.1.1.1", "2.2.2.2", "3.3.3.3"]);
  });
});
