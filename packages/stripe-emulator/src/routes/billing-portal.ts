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
  optionalUrl,
  paramsOf,
  requiredString,
} from "../params";
import { missingParam } from "../errors";
import { paginate } from "../pagination";
import type { WirePortalSession } from "../wire";
import { EXPAND, PAGINATION, expanded, newestFirst, redirectUrl, type Route } from "./route";

const CANCEL_MODES = ["at_period_end", "immediately"] as const satisfies readonly PortalCancelMode[];

export const billingPortalRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/v1/billing_portal/sessions",
    params: paramsOf<Stripe.BillingPortal.SessionCreateParams>()({ ...EXPAND, customer: "scalar", return_url: "scalar", locale: "scalar", configuration: "scalar" }),
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
      features: { subscription_cancel: { enabled: "scalar", mode: "scalar" } },
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
        (configuration) =>
          (active === undefined || configuration.active === active) && (isDefault === undefined || configuration.is_default === isDefault),
      );
      return expanded(request, paginate(configurations, params, "/v1/billing_portal/configurations", "billing_portal.configuration"));
    },
  },
];
