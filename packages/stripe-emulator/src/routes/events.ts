import type Stripe from "stripe";
import { invalidRequest } from "../errors";
import { noSuch } from "../errors";
import { list, optionalBoolean, optionalString, stringList, paramsOf } from "../params";
import { createdFilter, paginate } from "../pagination";
import { EXPAND, PAGINATION, expanded, type Route } from "./route";

/** Stripe's `type` filter takes an exact type or a `*` wildcard (`customer.subscription.*`). */
function typeMatcher(pattern: string): (type: string) => boolean {
  if (!pattern.includes("*")) return (type) => type === pattern;
  const regex = new RegExp(
    `^${pattern
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return (type) => regex.test(type);
}

const MAX_EVENT_TYPES = 20;

export const eventRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/v1/events",
    params: paramsOf<Stripe.EventListParams>()({
      ...EXPAND,
      ...PAGINATION,
      created: "range",
      type: "scalar",
      types: list("scalar"),
      delivery_success: "scalar",
    }),
    handle(request) {
      const { params } = request;
      const type = optionalString(params, "type");
      const types = stringList(params, "types");
      if (type && types.length) throw invalidRequest(`You may only specify one of these parameters: type, types.`, "types");
      // Stripe documents `types` as "an array of up to 20 strings".
      if (types.length > MAX_EVENT_TYPES) throw invalidRequest(`Invalid array: types must have at most ${MAX_EVENT_TYPES} elements`, "types");
      const matchers = (type ? [type] : types).map(typeMatcher);
      const inRange = createdFilter(params);
      const deliverySuccess = optionalBoolean(params, "delivery_success");
      const events = [...request.state.events]
        .reverse()
        .filter(
          (event) =>
            inRange(event.created) &&
            (matchers.length === 0 || matchers.some((matches) => matches(event.type))) &&
            (deliverySuccess === undefined || (event.pending_webhooks === 0) === deliverySuccess),
        );
      return expanded(request, paginate(events, params, "/v1/events", "event"));
    },
  },
  {
    method: "GET",
    pattern: "/v1/events/:id",
    params: paramsOf<Stripe.EventRetrieveParams>()({ ...EXPAND }),
    handle(request) {
      const id = request.pathParams.id as string;
      const event = request.state.events.find((candidate) => candidate.id === id);
      if (!event) throw noSuch("event", id, null);
      return expanded(request, event as unknown as Stripe.Event);
    },
  },
];
