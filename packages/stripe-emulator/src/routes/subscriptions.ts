import type Stripe from "stripe";
import { invalidRequest, noSuch } from "../errors";
import { findById, mustFind } from "../lookup";
import { cancelSubscription, updateSubscription, type ItemChange } from "../operations/subscriptions";
import {
  list,
  metadataParam,
  optionalBoolean,
  optionalEnum,
  optionalInteger,
  optionalList,
  optionalObject,
  optionalString,
  paramsOf,
  requiredString,
} from "../params";
import { createdFilter, paginate } from "../pagination";
import { currencyParam, recurringParam, unitAmountParam, RECURRING } from "./checkout-sessions";
import { EXPAND, PAGINATION, expanded, newestFirst, type ApiRequest, type Route } from "./route";

const FEEDBACK = ["customer_service", "low_quality", "missing_features", "other", "switched_service", "too_complex", "too_expensive", "unused"] as const;

const UPDATE_PARAMS = paramsOf<Stripe.SubscriptionUpdateParams>()({
  ...EXPAND,
  cancel_at: "scalar",
  cancel_at_period_end: "scalar",
  description: "scalar",
  metadata: "map",
  proration_behavior: "scalar",
  payment_behavior: "scalar",
  cancellation_details: { comment: "scalar", feedback: "scalar" },
  pause_collection: { behavior: "scalar", resumes_at: "scalar" },
  items: list({
    id: "scalar",
    price: "scalar",
    price_data: { currency: "scalar", product: "scalar", unit_amount: "scalar", unit_amount_decimal: "scalar", recurring: RECURRING, tax_behavior: "scalar" },
    quantity: "scalar",
    deleted: "scalar",
    metadata: "map",
  }),
});

/**
 * `cancel_at`: a unix timestamp in the future (the subscription ends then), `min_period_end` /
 * `max_period_end` (the end of the current period), or `""` to clear a scheduled end.
 */
function cancelAtParam(request: ApiRequest): number | "period_end" | null | undefined {
  const raw = optionalString(request.params, "cancel_at");
  if (raw === undefined) return undefined;
  if (raw === null || raw === "") return null;
  if (raw === "min_period_end" || raw === "max_period_end") return "period_end";
  const at = optionalInteger(request.params, "cancel_at", "cancel_at", { min: 0 })!;
  if (at <= request.now) throw invalidRequest(`cancel_at must be in the future.`, "cancel_at");
  return at;
}

function itemChanges(request: ApiRequest): ItemChange[] | undefined {
  const items = optionalList(request.params, "items");
  return items?.map((item, index) => {
    const path = `items[${index}]`;
    const priceData = optionalObject(item, "price_data", `${path}[price_data]`);
    const change: ItemChange = { path };
    const id = optionalString(item, "id", `${path}[id]`);
    if (id) change.id = id;
    const price = optionalString(item, "price", `${path}[price]`);
    if (price && priceData) throw invalidRequest(`You may only specify one of these parameters: price, price_data.`, `${path}[price]`);
    if (price) change.price = price;
    if (priceData) {
      const dataPath = `${path}[price_data]`;
      const recurring = recurringParam(priceData, dataPath);
      if (!recurring) throw invalidRequest(`Missing required param: ${dataPath}[recurring].`, `${dataPath}[recurring]`, "parameter_missing");
      change.priceData = {
        currency: currencyParam(priceData, dataPath),
        // Subscription price_data takes an existing product id (there is no product_data here).
        product: requiredString(priceData, "product", `${dataPath}[product]`),
        unitAmount: unitAmountParam(priceData, dataPath),
        interval: recurring.interval,
        intervalCount: recurring.intervalCount,
      };
    }
    const quantity = optionalInteger(item, "quantity", `${path}[quantity]`, { min: 0 });
    if (quantity !== undefined) change.quantity = quantity;
    const deleted = optionalBoolean(item, "deleted", `${path}[deleted]`);
    if (deleted) change.deleted = true;
    const metadata = metadataParam(item, "metadata", `${path}[metadata]`);
    if (metadata) change.metadata = metadata;
    return change;
  });
}

/**
 * `pause_collection`: an object with a required `behavior` (keep_as_draft, mark_uncollectible or
 * void) and an optional `resumes_at` (unix seconds, in the future); the empty string unsets it
 * (collection resumes at once). Undefined when the param is absent.
 */
function pauseCollection(request: ApiRequest) {
  const raw = request.params.pause_collection;
  if (raw === undefined) return undefined;
  if (raw === "") return null;
  const pause = optionalObject(request.params, "pause_collection");
  if (!pause) return undefined;
  const behavior = optionalEnum(pause, "behavior", ["keep_as_draft", "mark_uncollectible", "void"] as const, "pause_collection[behavior]");
  if (!behavior) throw invalidRequest(`Missing required param: pause_collection[behavior].`, "pause_collection[behavior]", "parameter_missing");
  const resumesAt = optionalInteger(pause, "resumes_at", "pause_collection[resumes_at]", { min: 0 });
  return { behavior, resumesAt: resumesAt ?? null };
}

function cancellationDetails(request: ApiRequest) {
  const details = optionalObject(request.params, "cancellation_details");
  if (!details) return undefined;
  return {
    comment: optionalString(details, "comment", "cancellation_details[comment]", 5000),
    feedback: details.feedback === "" ? null : optionalEnum(details, "feedback", FEEDBACK, "cancellation_details[feedback]"),
  };
}

export const subscriptionRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/v1/subscription_items",
    params: paramsOf<Stripe.SubscriptionItemListParams>()({ ...EXPAND, ...PAGINATION, subscription: "scalar" }),
    handle(request) {
      const id = requiredString(request.params, "subscription");
      const subscription = mustFind(request.state, "subscriptions", id, "subscription");
      return expanded(request, paginate(subscription.items.data, request.params, `/v1/subscription_items?subscription=${id}`, "subscription_item"));
    },
  },
  {
    method: "GET",
    pattern: "/v1/subscription_items/:id",
    params: paramsOf<Stripe.SubscriptionItemRetrieveParams>()({ ...EXPAND }),
    handle(request) {
      const id = request.pathParams.id as string;
      const item = findById(request.state, id);
      if (!item || !id.startsWith("si_")) throw noSuch("subscription_item", id, null);
      return expanded(request, item);
    },
  },
  {
    method: "GET",
    pattern: "/v1/subscriptions/:id",
    params: paramsOf<Stripe.SubscriptionRetrieveParams>()({ ...EXPAND }),
    handle(request) {
      return expanded(request, mustFind(request.state, "subscriptions", request.pathParams.id as string));
    },
  },
  {
    method: "GET",
    pattern: "/v1/subscriptions",
    params: paramsOf<Stripe.SubscriptionListParams>()({ ...EXPAND, ...PAGINATION, customer: "scalar", price: "scalar", status: "scalar", created: "range" }),
    handle(request) {
      const { params } = request;
      const customer = optionalString(params, "customer");
      const price = optionalString(params, "price");
      const status = optionalEnum(params, "status", [
        "active",
        "all",
        "canceled",
        "ended",
        "incomplete",
        "incomplete_expired",
        "past_due",
        "paused",
        "trialing",
        "unpaid",
      ] as const);
      const inRange = createdFilter(params);
      const subscriptions = newestFirst(request.state.subscriptions).filter((subscription) => {
        // Without `status`, Stripe lists every subscription that is not canceled.
        const statusOk =
          status === "all" ||
          (status === "ended" ? subscription.status === "canceled" || subscription.status === "incomplete_expired" : false) ||
          (status === undefined ? subscription.status !== "canceled" : subscription.status === status);
        return (
          statusOk &&
          inRange(subscription.created) &&
          (customer == null || subscription.customer === customer) &&
          (price == null || subscription.items.data.some((item) => item.price.id === price))
        );
      });
      return expanded(request, paginate(subscriptions, params, "/v1/subscriptions", "subscription"));
    },
  },
  {
    method: "POST",
    pattern: "/v1/subscriptions/:id",
    params: UPDATE_PARAMS,
    handle(request) {
      const { params } = request;
      const subscription = mustFind(request.state, "subscriptions", request.pathParams.id as string);
      const items = itemChanges(request);
      const details = cancellationDetails(request);
      const pause = pauseCollection(request);
      const prorationBehavior = optionalEnum(params, "proration_behavior", ["always_invoice", "create_prorations", "none"] as const);
      optionalEnum(params, "payment_behavior", ["allow_incomplete", "default_incomplete", "error_if_incomplete", "pending_if_incomplete"] as const);
      const cancelAtPeriodEnd = optionalBoolean(params, "cancel_at_period_end");
      const cancelAt = cancelAtParam(request);
      if (cancelAt !== undefined && cancelAtPeriodEnd !== undefined) {
        throw invalidRequest(`You may only specify one of these parameters: cancel_at, cancel_at_period_end.`, "cancel_at");
      }
      updateSubscription(request.context(), subscription, {
        cancelAtPeriodEnd,
        ...(cancelAt !== undefined ? { cancelAt } : {}),
        description: optionalString(params, "description", "description", 500),
        metadata: metadataParam(params),
        ...(items ? { items } : {}),
        ...(details ? { cancellationDetails: details } : {}),
        ...(prorationBehavior ? { prorationBehavior } : {}),
        ...(pause !== undefined ? { pauseCollection: pause } : {}),
      });
      return expanded(request, subscription);
    },
  },
  {
    method: "DELETE",
    pattern: "/v1/subscriptions/:id",
    params: paramsOf<Stripe.SubscriptionCancelParams>()({
      ...EXPAND,
      invoice_now: "scalar",
      prorate: "scalar",
      cancellation_details: { comment: "scalar", feedback: "scalar" },
    }),
    handle(request) {
      const subscription = mustFind(request.state, "subscriptions", request.pathParams.id as string);
      optionalBoolean(request.params, "invoice_now");
      optionalBoolean(request.params, "prorate");
      cancelSubscription(request.context(), subscription, cancellationDetails(request) ?? {});
      return expanded(request, subscription);
    },
  },
];
