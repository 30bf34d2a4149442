import type Stripe from "stripe";
import { mustFind } from "../lookup";
import { paramsOf, optionalString } from "../params";
import { createdFilter, paginate } from "../pagination";
import { idOf } from "../wire";
import { EXPAND, PAGINATION, expanded, newestFirst, type Route } from "./route";

export const disputeRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/v1/disputes/:id",
    params: paramsOf<Stripe.DisputeRetrieveParams>()({ ...EXPAND }),
    handle(request) {
      return expanded(request, mustFind(request.state, "disputes", request.pathParams.id as string));
    },
  },
  {
    method: "GET",
    pattern: "/v1/disputes",
    params: paramsOf<Stripe.DisputeListParams>()({ ...EXPAND, ...PAGINATION, charge: "scalar", payment_intent: "scalar", created: "range" }),
    handle(request) {
      const { params } = request;
      const charge = optionalString(params, "charge");
      const paymentIntent = optionalString(params, "payment_intent");
      const inRange = createdFilter(params);
      const disputes = newestFirst(request.state.disputes).filter(
        (dispute) =>
          (!charge || idOf(dispute.charge) === charge) && (!paymentIntent || idOf(dispute.payment_intent) === paymentIntent) && inRange(dispute.created),
      );
      return expanded(request, paginate(disputes, params, "/v1/disputes", "dispute"));
    },
  },
];
