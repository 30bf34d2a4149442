/**
 * The client's address as the proxy in front of the app reports it. Behind a load balancer the
 * first X-Forwarded-For entry is the client; without one we fall back to a shared bucket, so
 * the limit still holds (per app, not per client) rather than being skipped.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown-client";
}
