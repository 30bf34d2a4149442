import type Stripe from "stripe";
import { invalidRequest } from "../errors";
import { mustFind } from "../lookup";
import { createRefund } from "../operations/refunds";
import { applyMetadata, metadataParam, optionalEnum, optionalInteger, optionalString, paramsOf } from "../params";
import { createdFilter, paginate } from "../pagination";
import { idOf } from "../wire";
import { EXPAND, PAGINATION, expanded, newestFirst, type Route } from "./route";

export const refundRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/v1/refunds",
    params: paramsOf<Stripe.RefundCreateParams>()({
      ...EXPAND,
      charge: "scalar",
      payment_intent: "scalar",
      amount: "scalar",
      reason: "scalar",
      metadata: "map",
    }),
    handle(request) {
      const { params, state } = request;
      const chargeId = optionalString(params, "charge");
      const paymentIntentId = optionalString(params, "payment_intent");
      if (chargeId && paymentIntentId) {
        throw invalidRequest(`You may only specify one of these parameters: charge, payment_intent.`, "payment_intent");
      }
      let charge;
      if (chargeId) {
        charge = mustFind(state, "charges", chargeId, "charge");
      } else if (paymentIntentId) {
        const paymentIntent = mustFind(state, "paymentIntents", paymentIntentId, "payment_intent");
        const latest = idOf(paymentIntent.latest_charge);
        if (paymentIntent.status !== "succeeded" || !latest) {
          throw invalidRequest(
            `This PaymentIntent (${paymentIntent.id}) does not have a successful charge to refund.`,
            "payment_intent",
            "charge_not_refundable",
          );
        }
        charge = mustFind(state, "charges", latest, "payment_intent");
      } else {
        throw invalidRequest(`One of the following params should be provided for this request: charge or payment_intent.`, undefined, "parameter_missing");
      }
      const refund = createRefund(request.context(), {
        charge,
        amount: optionalInteger(params, "amount", "amount", { min: 1 }),
        reason: optionalEnum(params, "reason", ["duplicate", "fraudulent", "requested_by_customer"] as const) ?? null,
        metadata: applyMetadata({}, metadataParam(params)),
      });
      return expanded(request, refund);
    },
  },
  {
    method: "GET",
    pattern: "/v1/refunds/:id",
    params: paramsOf<Stripe.RefundRetrieveParams>()({ ...EXPAND }),
    handle: (request) => expanded(request, mustFind(request.state, "refunds", request.pathParams.id as string)),
  },
  {
    method: "GET",
    pattern: "/v1/refunds",
    params: paramsOf<Stripe.RefundListParams>()({ ...EXPAND, ...PAGINATION, charge: "scalar", payment_intent: "scalar", created: "range" }),
    handle(request) {
      const charge = optionalString(request.params, "charge");
      const paymentIntent = optionalString(request.params, "payment_intent");
      const inRange = createdFilter(request.params);
      const refunds = newestFirst(request.state.refunds).filter(
        (refund) =>
          inRange(refund.created) && (charge == null || refund.charge === charge) && (paymentIntent == null || refund.payment_intent === paymentIntent),
      );
      return expanded(request, paginate(refunds, request.params, "/v1/refunds", "refund"));
    },
  },
];
