import type { OperationContext } from "../context";
import { expand } from "../expand";
import type { FormParams } from "../form-encoding";
import { invalidRequest } from "../errors";
import { list, optionalUrl, stringList, type ParamShape, type SdkParamShape } from "../params";
import type { EmulatorState } from "../state";

export interface ApiRequest {
  method: "GET" | "POST" | "DELETE";
  path: string;
  /** Values of the `:name` segments of the route pattern, by name. */
  pathParams: Record<string, string>;
  params: FormParams;
  state: EmulatorState;
  /** A context for changes; events record this request's id and idempotency key. */
  context(): OperationContext;
  /** A context whose changes happen at `now` (unix seconds): the clock test helper's steps. */
  contextAt(now: number): OperationContext;
  /** Unix seconds, fixed for the whole request. */
  now: number;
  origin: string;
  /** When set, the only origin hosted pages may send a browser back to (success/cancel/return URLs). */
  redirectOrigin?: string | null;
  /** Webhook controls, for the test helpers. */
  webhooks: {
    deliverEvents(eventIds: string[]): Promise<unknown[]>;
    pause(): void;
    resume(): void;
  };
  /** Fault injection, for the test helpers. */
  faults: { failNext(fault: FaultSpec): void; clear(): void };
}

/** Makes the next `count` Stripe API requests (optionally only those matching) answer an error. */
export interface FaultSpec {
  count: number;
  /** Only requests with this method (GET, POST, DELETE). */
  method?: string;
  /** Only requests whose path starts with this, e.g. `/v1/checkout/sessions`. */
  path?: string;
  /** 500 (default), 502, 503 or 504: Stripe's "something went wrong on our end", which the SDK retries. */
  status?: number;
  /** What goes wrong (errors.ts `injectedFault`): `api_error` (default), or a 429 `rate_limit` or `lock_timeout`. */
  kind?: "api_error" | "rate_limit" | "lock_timeout";
}

export interface ApiResult {
  status?: number;
  body: unknown;
}

interface RouteBase {
  method: "GET" | "POST" | "DELETE";
  /** `/v1/customers/:id` style. */
  pattern: string;
  /** Stripe endpoints are synchronous here so a check and its change can't interleave with another request. */
  handle(request: ApiRequest): ApiResult | Promise<ApiResult>;
}

/**
 * A Stripe API endpoint. Its accepted params (unknown ones are refused like Stripe refuses them)
 * are bound to the SDK's params type with `paramsOf`, so a param the SDK lacks fails `tsc`.
 */
export interface StripeRoute extends RouteBase {
  params: SdkParamShape;
  public?: false;
}

/** A test helper: not Stripe API (no idempotency keys, the emulator's own params); it still needs the API key. */
export interface TestHelperRoute extends RouteBase {
  params: ParamShape;
  public: true;
}

export type Route = StripeRoute | TestHelperRoute;

export const EXPAND = { expand: list("scalar") } as const;
export const PAGINATION = { limit: "scalar", starting_after: "scalar", ending_before: "scalar" } as const;

/** The response object with the request's `expand[]` applied. */
export function expanded<T>(request: ApiRequest, object: T): ApiResult {
  return { body: expand(request.state, object, stringList(request.params, "expand")) };
}

/** Newest first, which is how every Stripe list is ordered. */
export function newestFirst<T>(record: Record<string, T>): T[] {
  return Object.values(record).reverse();
}

/**
 * An optional `success_url`/`cancel_url`/`return_url`, refused at creation (Stripe's error shape)
 * when it points away from the app's own origin: the hosted pages redirect there after asking
 * for a card number, so they must never send anyone to another site.
 */
export function redirectUrl(request: ApiRequest, key: string): string | null {
  const value = optionalUrl(request.params, key) ?? null;
  if (value !== null && request.redirectOrigin && new URL(value).origin !== request.redirectOrigin) {
    throw invalidRequest(
      `Invalid URL: \`${key}\` must be on this app's origin (${request.redirectOrigin}); the Stripe emulator redirects nowhere else.`,
      key,
      "url_invalid",
    );
  }
  return value;
}
