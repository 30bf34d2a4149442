import type { OperationContext } from "../context";
import { expand } from "../expand";
import type { FormParams } from "../form-encoding";
import { list, stringList, type ParamShape } from "../params";
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
  /** Unix seconds, fixed for the whole request. */
  now: number;
  origin: string;
  /** Webhook controls, for the test helpers. */
  webhooks: {
    deliverEvents(eventIds: string[]): Promise<unknown[]>;
    pause(): void;
    resume(): void;
  };
}

export interface ApiResult {
  status?: number;
  body: unknown;
}

export interface Route {
  method: "GET" | "POST" | "DELETE";
  /** `/v1/customers/:id` style. */
  pattern: string;
  /** Accepted params (unknown ones are refused like Stripe refuses them). `expand` is always allowed. */
  params: ParamShape;
  /** Test helpers are not Stripe API and need no API key. */
  public?: boolean;
  /** Stripe endpoints are synchronous here so a check and its change can't interleave with another request. */
  handle(request: ApiRequest): ApiResult | Promise<ApiResult>;
}

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
