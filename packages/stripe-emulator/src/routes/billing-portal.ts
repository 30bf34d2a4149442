import type { WirePortalSession } from "../wire";
import { createPortalSession } from "../operations/portal";
import { optionalString, optionalUrl, requiredString } from "../params";
import { invalidRequest } from "../errors";
import { EXPAND, expanded, type Route } from "./route";

export const billingPortalRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/v1/billing_portal/sessions",
    params: { ...EXPAND, customer: "scalar", return_url: "scalar", locale: "scalar", configuration: "scalar", on_behalf_of: "scalar" },
    handle(request) {
      const { params } = request;
      const configuration = optionalString(params, "configuration");
      if (configuration) {
        throw invalidRequest(`The Stripe emulator has only the default portal configuration; leave \`configuration\` out.`, "configuration");
      }
      const session = createPortalSession(request.context(), {
        customer: requiredString(params, "customer"),
        returnUrl: optionalUrl(params, "return_url") ?? null,
        locale: (optionalString(params, "locale") ?? null) as WirePortalSession["locale"],
      });
      return expanded(request, session);
    },
  },
];
