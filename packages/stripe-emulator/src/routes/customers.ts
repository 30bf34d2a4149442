import type Stripe from "stripe";
import { mustFind } from "../lookup";
import { createCustomer, updateCustomer } from "../operations/customers";
import { applyMetadata, metadataParam, optionalString, paramsOf } from "../params";
import { paginate, createdFilter } from "../pagination";
import { EXPAND, PAGINATION, expanded, newestFirst, type Route } from "./route";

const CUSTOMER_FIELDS = { email: "scalar", name: "scalar", description: "scalar", phone: "scalar", metadata: "map" } as const;

export const customerRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/v1/customers",
    params: paramsOf<Stripe.CustomerCreateParams>()({ ...CUSTOMER_FIELDS, ...EXPAND }),
    handle(request) {
      const { params } = request;
      const metadata = applyMetadata({}, metadataParam(params));
      const customer = createCustomer(request.context(), {
        email: optionalString(params, "email", "email", 512) ?? null,
        name: optionalString(params, "name", "name", 256) ?? null,
        description: optionalString(params, "description") ?? null,
        phone: optionalString(params, "phone", "phone", 20) ?? null,
        metadata,
      });
      return expanded(request, customer);
    },
  },
  {
    method: "GET",
    pattern: "/v1/customers/:id",
    params: paramsOf<Stripe.CustomerRetrieveParams>()({ ...EXPAND }),
    handle(request) {
      return expanded(request, mustFind(request.state, "customers", request.pathParams.id as string));
    },
  },
  {
    method: "POST",
    pattern: "/v1/customers/:id",
    params: paramsOf<Stripe.CustomerUpdateParams>()({ ...CUSTOMER_FIELDS, ...EXPAND }),
    handle(request) {
      const { params } = request;
      const customer = mustFind(request.state, "customers", request.pathParams.id as string);
      updateCustomer(request.context(), customer, {
        email: optionalString(params, "email", "email", 512),
        name: optionalString(params, "name", "name", 256),
        description: optionalString(params, "description"),
        phone: optionalString(params, "phone", "phone", 20),
        metadata: metadataParam(params),
      });
      return expanded(request, customer);
    },
  },
  {
    method: "GET",
    pattern: "/v1/customers",
    params: paramsOf<Stripe.CustomerListParams>()({ ...PAGINATION, ...EXPAND, email: "scalar", created: "range" }),
    handle(request) {
      const { params } = request;
      // Stripe's email filter is an exact, case-sensitive match.
      const email = optionalString(params, "email", "email", 512);
      const inRange = createdFilter(params);
      const customers = newestFirst(request.state.customers).filter((customer) => (email == null || customer.email === email) && inRange(customer.created));
      return expanded(request, paginate(customers, params, "/v1/customers", "customer"));
    },
  },
];
