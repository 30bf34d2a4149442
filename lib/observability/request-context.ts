import { headers } from "next/headers";
import { withLogContext } from "./log-context";
import { REQUEST_ID_HEADER, requestIdFor } from "./request-id";

/**
 * Runs a route handler's work with its request's id on every log line. proxy.ts has put the id
 * in the request's X-Request-Id header (and sends it back to the client); without the proxy (a
 * test calling the handler) a new one is made.
 */
export function withRequestContext<T>(request: Request, work: () => T): T {
  return withLogContext({ requestId: requestIdFor(request.headers.get(REQUEST_ID_HEADER)) }, work);
}

/** The same for a server action, which has no Request: the id comes from next/headers. */
export async function withActionRequestContext<T>(work: () => Promise<T>): Promise<T> {
  let incoming: string | null = null;
  try {
    incoming = (await headers()).get(REQUEST_ID_HEADER);
  } catch {
    // Outside a request (a test calling the action): a new id.
  }
  return withLogContext({ requestId: requestIdFor(incoming) }, work);
}
