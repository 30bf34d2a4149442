import type Stripe from "stripe";
import { mustFind } from "../lookup";
import type { PortalCancelMode } from "../objects/billing-portal-configuration";
import { createPortalConfiguration, createPortalSession } from "../operations/portal";
import {
  applyMetadata,
  metadataParam,
  optionalBoolean,
  optionalEnum,
  optionalObject,
  optionalString,
  optionalList,
  optionalUrl,
  paramsOf,
  requiredString,
  stringList,
  list,
} from "../params";
import { invalidRequest, missingParam } from "../errors";
import { paginate } from "../pagination";
import type { WirePortalSession } from "../wire";
import { EXPAND, PAGINATION, expanded, newestFirst, redirectUrl, type Route } from "./route";

const CANCEL_MODES = ["at_period_end", "immediately"] as const satisfies readonly PortalCancelMode[];

/**
 * `features[subscription_update]`: the portal may switch prices only when it is enabled, for
 * `price` updates, with `proration_behavior: none` (the only behaviour the emulator bills), and
 * only to the listed prices.
 */
function switchableProducts(update: Record<string, unknown> | undefined) {
  const path = "features[subscription_update]";
  if (!update) return null;
  const source = update as Parameters<typeof optionalBoolean>[0];
  const enabled = optionalBoolean(source, "enabled", `${path}[enabled]`);
  if (enabled === undefined) throw missingParam(`${path}[enabled]`);
  if (!enabled) return null;
  const allowed = stringList(source, "default_allowed_updates", `${path}[default_allowed_updates]`);
  if (allowed.some((kind) => kind !== "price"))
    throw invalidRequest("The emulator supports only `price` subscription updates in the portal.", `${path}[default_allowed_updates]`);
  const proration = optionalString(source, "proration_behavior", `${path}[proration_behavior]`);
  if (proration && proration !== "none") throw invalidRequest("The emulator bills no prorations; use `none`.", `${path}[proration_behavior]`);
  const products = optionalList(source, "products", `${path}[products]`) ?? [];
  return products.map((entry, index) => ({
    product: requiredString(entry, "product", `${path}[products][${index}][product]`),
    prices: stringList(entry, "prices", `${path}[products][${index}][prices]`),
  }));
}

export const billingPortalRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/v1/billing_portal/sessions",
    params: paramsOf<Stripe.BillingPortal.SessionCreateParams>()({
      ...EXPAND,
      customer: "scalar",
      return_url: "scalar",
      locale: "scalar",
      configuration: "scalar",
    }),
    handle(request) {
      const { params } = request;
      const session = createPortalSession(request.context(), {
        customer: requiredString(params, "customer"),
        returnUrl: redirectUrl(request, "return_url"),
        locale: (optionalString(params, "locale") ?? null) as WirePortalSession["locale"],
        configuration: optionalString(params, "configuration") ?? null,
      });
      return expanded(request, session);
    },
  },
  {
    method: "POST",
    pattern: "/v1/billing_portal/configurations",
    params: paramsOf<Stripe.BillingPortal.ConfigurationCreateParams>()({
      ...EXPAND,
      business_profile: { headline: "scalar" },
      default_return_url: "scalar",
      features: {
        subscription_cancel: { enabled: "scalar", mode: "scalar" },
        subscription_update: {
          enabled: "scalar",
          default_allowed_updates: list("scalar"),
          proration_behavior: "scalar",
          products: list({ product: "scalar", prices: list("scalar") }),
        },
      },
      metadata: "map",
      name: "scalar",
    }),
    handle(request) {
      const { params } = request;
      const features = optionalObject(params, "features");
      if (!features) throw missingParam("features");
      const cancel = optionalObject(features, "subscription_cancel", "features[subscription_cancel]");
      optionalBoolean(cancel, "enabled", "features[subscription_cancel][enabled]");
      const configuration = createPortalConfiguration(request.context(), {
        cancelMode: optionalEnum(cancel, "mode", CANCEL_MODES, "features[subscription_cancel][mode]"),
        switchableProducts: switchableProducts(optionalObject(features, "subscription_update", "features[subscription_update]")),
        defaultReturnUrl: optionalUrl(params, "default_return_url") ?? null,
        headline: optionalString(optionalObject(params, "business_profile"), "headline", "business_profile[headline]") ?? null,
        name: optionalString(params, "name") ?? null,
        metadata: applyMetadata({}, metadataParam(params)),
      });
      return expanded(request, configuration);
    },
  },
  {
    method: "GET",
    pattern: "/v1/billing_portal/configurations/:id",
    params: paramsOf<Stripe.BillingPortal.ConfigurationRetrieveParams>()({ ...EXPAND }),
    handle(request) {
      return expanded(request, mustFind(request.state, "portalConfigurations", request.pathParams.id as string));
    },
  },
  {
    method: "GET",
    pattern: "/v1/billing_portal/configurations",
    params: paramsOf<Stripe.BillingPortal.ConfigurationListParams>()({ ...EXPAND, ...PAGINATION, active: "scalar", is_default: "scalar" }),
    handle(request) {
      const { params } = request;
      const active = optionalBoolean(params, "active");
      const isDefault = optionalBoolean(params, "is_default");
      const configurations = newestFirst(request.state.portalConfigurations).filter(
        (configuration) => (active === undefined || configuration.active === active) && (isDefault === undefined || configuration.is_default === isDefault),
      );
      return expanded(request, paginate(configurations, params, "/v1/billing_portal/configurations", "billing_portal.configuration"));
    },
  },
];
