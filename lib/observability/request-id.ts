import { randomUUID } from "node:crypto";

/** The header a request's id travels in: from the client or load balancer, to route handlers, back to the client. */
export const REQUEST_ID_HEADER = "x-request-id";

/**
 * An id a load balancer or client sent is kept when it is a short token (letters, digits, `.`,
 * `_`, `-`; 8 to 64 of them), so one request can be followed from the proxy's log to ours; any
 * other value (long, or carrying text that could forge or stuff a log line) is replaced.
 */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function isSafeRequestId(value: string | null | undefined): value is string {
  return typeof value === "string" && SAFE_REQUEST_ID.test(value);
}

/** The id to use for a request: the incoming one when it is safe, otherwise a new UUID. */
export function requestIdFor(incoming: string | null | undefined): string {
  return isSafeRequestId(incoming) ? incoming : randomUUID();
}
