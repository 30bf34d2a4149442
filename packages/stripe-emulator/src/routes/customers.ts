import type Stripe from "stripe";
import { mustFind } from "../lookup";
import { createCustomer, updateCustomer } from "../operations/customers";
import { missingParam } from "../errors";
import type { FormValue } from "../form-encoding";
import { applyMetadata, emptyString, metadataParam, optionalObject, optionalString, paramsOf, requiredString } from "../params";
import { paginate, createdFilter } from "../pagination";
import { EXPAND, PAGINATION, expanded, newestFirst, type Route } from "./route";

const ADDRESS = { city: "scalar", country: "scalar", line1: "scalar", line2: "scalar", postal_code: "scalar", state: "scalar" } as const;
const CUSTOMER_FIELDS = {
  email: "scalar",
  name: "scalar",
  description: "scalar",
  phone: "scalar",
  metadata: "map",
  address: ADDRESS,
  shipping: { address: ADDRESS, name: "scalar", phone: "scalar" },
} as const;

type Source = { [key: string]: FormValue };

/** `address`: absent → unchanged; "" → unset (Stripe's Emptyable); a hash → every field, unset ones null. */
function addressParam(source: Source, key: string, path: string): Stripe.Address | null | undefined {
  const value = source[key];
  if (value === undefined) return undefined;
  if (value === "") return null;
  const fields = optionalObject(source, key, path) ?? {};
  const field = (name: string) => optionalString(fields, name, `${path}[${name}]`) ?? null;
  return {
    city: field("city"),
    country: field("country"),
    line1: field("line1"),
    line2: field("line2"),
    postal_code: field("postal_code"),
    state: field("state"),
  };
}

/** `shipping`: "" unsets it; otherwise Stripe requires its `name` and `address`. */
function shippingParam(source: Source): Stripe.Customer.Shipping | null | undefined {
  const value = source.shipping;
  if (value === undefined) return undefined;
  if (value === "") return null;
  const fields = optionalObject(source, "shipping") ?? {};
  const name = requiredString(fields, "name", "shipping[name]");
  if (fields.address === undefined) throw missingParam("shipping[address]");
  if (fields.address === "") throw emptyString("shipping[address]");
  const address = addressParam(fields, "address", "shipping[address]") ?? undefined;
  return { address, name, phone: optionalString(fields, "phone", "shipping[phone]") ?? null };
}

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
        address: addressParam(params, "address", "address") ?? null,
        shipping: shippingParam(params) ?? null,
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
        address: addressParam(params, "address", "address"),
        shipping: shippingParam(params),
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
