import type Stripe from "stripe";
import { mustFind } from "../lookup";
import { optionalString, paramsOf } from "../params";
import { createdFilter, paginate } from "../pagination";
import { EXPAND, PAGINATION, expanded, newestFirst, type Route } from "./route";

/** `GET /v1/balance_transactions/:id` and the list (by `source`, `type`, `currency`, `created`), as Stripe serves them. */
export const balanceTransactionRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/v1/balance_transactions/:id",
    params: paramsOf<Stripe.BalanceTransactionRetrieveParams>()({ ...EXPAND }),
    handle: (request) => expanded(request, mustFind(request.state, "balanceTransactions", request.pathParams.id as string)),
  },
  {
    method: "GET",
    pattern: "/v1/balance_transactions",
    params: paramsOf<Stripe.BalanceTransactionListParams>()({
      ...EXPAND,
      ...PAGINATION,
      source: "scalar",
      type: "scalar",
      currency: "scalar",
      created: "range",
    }),
    handle(request) {
      const source = optionalString(request.params, "source");
      const type = optionalString(request.params, "type");
      const currency = optionalString(request.params, "currency")?.toLowerCase();
      const inRange = createdFilter(request.params);
      const transactions = newestFirst(request.state.balanceTransactions).filter(
        (transaction) =>
          inRange(transaction.created) &&
          (source == null || transaction.source === source) &&
          (type == null || transaction.type === type) &&
          (currency == null || transaction.currency === currency),
      );
      return expanded(request, paginate(transactions, request.params, "/v1/balance_transactions", "balance transaction"));
    },
  },
];
