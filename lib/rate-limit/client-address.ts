import { isIPv6 } from "node:net";
import { env } from "@/lib/env";

/**
 * The client's address, for rate limits.
 *
 * X-Forwarded-For is written by whoever sent the request: a client can put anything in it, and
 * `next start` only adds the socket's address when the header is missing, so even its
 * right-most entry may be forged. What cannot be forged is the address of the TCP connection,
 * which lib/rate-limit/peer-address.ts copies into PEER_ADDRESS_HEADER on every request
 * (overwriting whatever the client sent under that name).
 *
 * TRUSTED_PROXY_HOPS says how many proxies in front of the app (CDN, load balancer) append to
 * X-Forwarded-For. With 0 the connection's address is the client. With N, the client is the
 * address the outermost trusted proxy saw: the N-th X-Forwarded-For entry from the right.
 * Anything further left was written by the client and is never used.
 */
export const PEER_ADDRESS_HEADER = "x-lantern-peer-address";

/** When the peer address is unknown (no stamp installed): one shared bucket, never a client-chosen one. */
export const UNKNOWN_CLIENT = "unknown-client";

export interface ClientAddressSources {
  /** The X-Forwarded-For header as received (null when absent). */
  forwardedFor: string | null;
  /** The address of the connection itself (the nearest proxy, or the client when none). */
  peer: string | null;
  trustedHops: number;
}

export function resolveClientAddress(sources: ClientAddressSources): string {
  return rateLimitGroup(resolveAddress(sources));
}

function resolveAddress({ forwardedFor, peer, trustedHops }: ClientAddressSources): string {
  const connection = normalizeAddress(peer);
  if (!connection) return UNKNOWN_CLIENT;
  if (trustedHops <= 0) return connection;
  const forwarded = (forwardedFor ?? "")
    .split(",")
    .map(normalizeAddress)
    .filter((entry): entry is string => entry !== null);
  // The chain as the outermost proxy saw it: [..., what proxy N saw, ..., what proxy 1 saw, connection].
  const chain = [...forwarded, connection];
  // Fewer entries than trusted hops means the request did not come through all the proxies;
  // the left-most entry is then the furthest one that any proxy (or the client) wrote.
  return chain[Math.max(0, chain.length - 1 - trustedHops)]!;
}

export function clientAddress(headers: Headers, trustedHops: number = env().TRUSTED_PROXY_HOPS): string {
  return resolveClientAddress({ forwardedFor: headers.get("x-forwarded-for"), peer: headers.get(PEER_ADDRESS_HEADER), trustedHops });
}

/** "::ffff:203.0.113.7" → "203.0.113.7"; empty, over-long or non-address text → null. */
function normalizeAddress(value: string | null | undefined): string | null {
  const trimmed = value?.trim().toLowerCase() ?? "";
  if (trimmed === "" || trimmed.length > 64 || !/^[0-9a-f:.[\]%a-z_-]+$/.test(trimmed)) return null;
  return trimmed.startsWith("::ffff:") && trimmed.includes(".") ? trimmed.slice("::ffff:".length) : trimmed;
}

/**
 * An IPv6 client is its /64: a home or a server is routinely given a whole /64 and can use any
 * of its 2^64 addresses, so per-address limits would not limit it at all. IPv4 stays per address.
 * "2001:db8:1:2:a:b:c:d" → "2001:db8:1:2::/64".
 */
export function rateLimitGroup(address: string): string {
  const groups = ipv6Groups(address);
  return groups
    ? `${groups
        .slice(0, 4)
        .map((group) => group.toString(16))
        .join(":")}::/64`
    : address;
}

/** The eight 16-bit groups of an IPv6 address (brackets and zone allowed), or null for anything else. */
function ipv6Groups(text: string): number[] | null {
  const address = text.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!address.includes(":") || !isIPv6(address)) return null;
  let [head = "", tail] = address.split("::") as [string, string | undefined];
  // A trailing dotted IPv4 part (64:ff9b::192.0.2.1) is two groups.
  const withoutIpv4 = (part: string) =>
    part.replace(
      /(\d+)\.(\d+)\.(\d+)\.(\d+)$/,
      (_match, a: string, b: string, c: string, d: string) => `${((Number(a) << 8) | Number(b)).toString(16)}:${((Number(c) << 8) | Number(d)).toString(16)}`,
    );
  head = withoutIpv4(head);
  if (tail !== undefined) tail = withoutIpv4(tail);
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((group) => parseInt(group, 16)));
  const left = parse(head);
  if (tail === undefined) return left.length === 8 ? left : null;
  const right = parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}
