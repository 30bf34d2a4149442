import { newId } from "../ids";
import type { WirePortalSession } from "../wire";

/** A customer portal session (fixtures3.json `billing_portal.session`). */
export function buildPortalSession(input: {
  created: number;
  customer: string;
  returnUrl: string | null;
  locale: WirePortalSession["locale"];
  origin: string;
  configuration: string;
}): WirePortalSession {
  const id = newId("portalSession");
  return {
    id,
    object: "billing_portal.session",
    configuration: input.configuration,
    created: input.created,
    customer: input.customer,
    customer_account: null,
    flow: null,
    livemode: false,
    locale: input.locale,
    on_behalf_of: null,
    return_url: input.returnUrl,
    url: `${input.origin}/stripe-emulator/portal/${id}`,
  };
}
