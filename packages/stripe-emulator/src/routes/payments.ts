import type Stripe from "stripe";
import { mustFind } from "../lookup";
import { optionalString, paramsOf } from "../params";
import { createdFilter, paginate } from "../pagination";
import { EXPAND, PAGINATION, expanded, newestFirst, type Route } from "./route";

/** Read-only resources the emulator creates as side effects of checkout and billing. */
export const paymentRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/v1/payment_intents/:id",
    params: paramsOf<Stripe.PaymentIntentRetrieveParams>()({ ...EXPAND, client_secret: "scalar" }),
    handle: (request) => expanded(request, mustFind(request.state, "paymentIntents", request.pathParams.id as string)),
  },
  {
    method: "GET",
    pattern: "/v1/payment_intents",
    params: paramsOf<Stripe.PaymentIntentListParams>()({ ...EXPAND, ...PAGINATION, customer: "scalar", created: "range" }),
    handle(request) {
      const customer = optionalString(request.params, "customer");
      const inRange = createdFilter(request.params);
      const items = newestFirst(request.state.paymentIntents).filter((intent) => inRange(intent.created) && (customer == null || intent.customer === customer));
      return expanded(request, paginate(items, request.params, "/v1/payment_intents", "payment_intent"));
    },
  },
  {
    method: "GET",
    pattern: "/v1/charges/:id",
    params: paramsOf<Stripe.ChargeRetrieveParams>()({ ...EXPAND }),
    handle: (request) => expanded(request, mustFind(request.state, "charges", request.pathParams.id as string)),
  },
  {
    method: "GET",
    pattern: "/v1/charges",
    params: paramsOf<Stripe.ChargeListParams>()({ ...EXPAND, ...PAGINATION, customer: "scalar", payment_intent: "scalar", created: "range" }),
    handle(request) {
      const customer = optionalString(request.params, "customer");
      const paymentIntent = optionalString(request.params, "payment_intent");
      const inRange = createdFilter(request.params);
      const items = newestFirst(request.state.charges).filter(
        (charge) =>
          inRange(charge.created) && (customer == null || charge.customer === customer) && (paymentIntent == null || charge.payment_intent === paymentIntent),
      );
      return expanded(request, paginate(items, request.params, "/v1/charges", "charge"));
    },
  },
  {
    method: "GET",
    pattern: "/v1/payment_methods/:id",
    params: paramsOf<Stripe.PaymentMethodRetrieveParams>()({ ...EXPAND }),
    handle: (request) => expanded(request, mustFind(request.state, "paymentMethods", request.pathParams.id as string)),
  },
  {
    method: "GET",
    pattern: "/v1/prices/:id",
    params: paramsOf<Stripe.PriceRetrieveParams>()({ ...EXPAND }),
    handle: (request) => expanded(request, mustFind(request.state, "prices", request.pathParams.id as string)),
  },
  {
    method: "GET",
    pattern: "/v1/products/:id",
    params: paramsOf<Stripe.ProductRetrieveParams>()({ ...EXPAND }),
    handle: (request) => expanded(request, mustFind(request.state, "products", request.pathParams.id as string)),
  },
];
