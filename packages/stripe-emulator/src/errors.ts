/**
 * Stripe-shaped API errors. The SDK turns the HTTP status and `error.type` into its error
 * classes (400/404 → StripeInvalidRequestError, 401 → StripeAuthenticationError,
 * 402 → StripeCardError, 400 + idempotency_error → StripeIdempotencyError), so both must match
 * what Stripe sends.
 */
export type StripeErrorType = "api_error" | "card_error" | "idempotency_error" | "invalid_request_error";

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: Record<string, unknown>;
  request_log_url?: string;
}

export class StripeApiError extends Error {
  override name = "StripeApiError";
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

const DOCS = "https://docs.stripe.com/error-codes";

export function invalidRequest(message: string, param?: string, code?: string): StripeApiError {
  return new StripeApiError(400, {
    type: "invalid_request_error",
    message,
    ...(param ? { param } : {}),
    ...(code ? { code, doc_url: `${DOCS}/${code.replace(/_/g, "-")}` } : {}),
  });
}

export function missingParam(param: string): StripeApiError {
  return invalidRequest(`Missing required param: ${param}.`, param, "parameter_missing");
}

export function unknownParam(param: string): StripeApiError {
  return invalidRequest(
    `Received unknown parameter: ${param}. (Lantern's Stripe emulator implements the part of Stripe's API the app uses; see packages/stripe-emulator/README.md.)`,
    param,
    "parameter_unknown",
  );
}

/** A referenced object that does not exist. `param` null means it was in the URL path (404). */
export function noSuch(kind: string, id: string, param: string | null): StripeApiError {
  const error = invalidRequest(`No such ${kind}: '${id}'`, param ?? "id", "resource_missing");
  return param ? error : new StripeApiError(404, error.body);
}

export function unrecognizedUrl(method: string, path: string): StripeApiError {
  return new StripeApiError(404, {
    type: "invalid_request_error",
    message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  });
}

export function cardError(message: string, code: string, declineCode?: string, extra: Partial<StripeErrorBody> = {}): StripeApiError {
  return new StripeApiError(402, {
    type: "card_error",
    message,
    code,
    ...(declineCode ? { decline_code: declineCode } : {}),
    doc_url: `${DOCS}/${code.replace(/_/g, "-")}`,
    ...extra,
  });
}

export function idempotencyError(message: string, status = 400): StripeApiError {
  return new StripeApiError(status, { type: "idempotency_error", message }, status === 409 ? { "Stripe-Should-Retry": "true" } : {});
}

export function authenticationError(message: string): StripeApiError {
  return new StripeApiError(401, { type: "invalid_request_error", message });
}

export function apiError(message: string): StripeApiError {
  return new StripeApiError(500, { type: "api_error", message });
}

/**
 * The answer to an injected fault (`failNextRequests`, the faults test helper), as Stripe sends it:
 * - `api_error` (500 by default, or 502/503/504): "something went wrong on our end"; the SDK retries it;
 * - `rate_limit` (429): too many requests; Stripe sends no Stripe-Should-Retry, so stripe-node
 *   leaves the retry to its caller (Lantern's client marks it retryable: lib/payments/stripe-client.ts);
 * - `lock_timeout` (429): another request holds the object; Stripe adds `Stripe-Should-Retry: true`,
 *   which the SDK obeys.
 */
export function injectedFault(fault: { kind?: "api_error" | "rate_limit" | "lock_timeout"; status?: number }): StripeApiError {
  if (fault.kind === "rate_limit") {
    return new StripeApiError(429, {
      type: "invalid_request_error",
      code: "rate_limit",
      message:
        "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits. (A fault injected into the Stripe emulator.)",
      doc_url: `${DOCS}/rate-limit`,
    });
  }
  if (fault.kind === "lock_timeout") {
    return new StripeApiError(
      429,
      {
        type: "invalid_request_error",
        code: "lock_timeout",
        message:
          "This object cannot be accessed right now because another API request or Stripe process is currently accessing it. If you see this error intermittently, retry the request. (A fault injected into the Stripe emulator.)",
        doc_url: `${DOCS}/lock-timeout`,
      },
      { "Stripe-Should-Retry": "true" },
    );
  }
  return new StripeApiError(fault.status ?? 500, {
    type: "api_error",
    message: "An unknown error occurred (a fault injected into the Stripe emulator for a test).",
  });
}
