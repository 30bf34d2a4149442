import { describeError } from "@/lib/errors/describe-error";
import { withLogContext } from "./log-context";
import { logger } from "./logger";
import { metrics } from "./metrics";
import { REQUEST_ID_HEADER, requestIdFor } from "./request-id";

const log = logger("next");

/** What Next passes to instrumentation's onRequestError (the parts used here). */
export interface FailedRequest {
  path: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
}
export interface FailedRequestContext {
  routePath: string;
  /** render, route, action, proxy (Next 16). */
  routeType: string;
}

/**
 * An error Next caught while serving a request (a page, route handler, server action or the
 * proxy threw): one log line with the request's id, and lantern_request_errors_total. Next
 * answers such a request with its error page (a 500) itself.
 */
export function reportRequestError(error: unknown, request: FailedRequest, context: FailedRequestContext): void {
  const header = request.headers[REQUEST_ID_HEADER];
  const requestId = requestIdFor(Array.isArray(header) ? header[0] : header);
  metrics().requestErrors.inc({ route_type: context.routeType });
  withLogContext({ requestId }, () =>
    log.error(
      { err: error, method: request.method, path: request.path, route: context.routePath, routeType: context.routeType },
      `request failed: ${describeError(error)}`,
    ),
  );
}
