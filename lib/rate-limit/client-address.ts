/**
 * The client's address for rate limiting. `next start` fills X-Forwarded-For with the socket's
 * address when no proxy did; behind a load balancer, the balancer appends the address it saw.
 * Entries further left were written by the client itself and can be forged to dodge a limit,
 * so the right-most entry (the one the nearest proxy added) is the one trusted.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown-client";
}
