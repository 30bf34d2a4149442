import type { OperationContext } from "../context";
import { mustFind } from "../lookup";
import { buildPortalSession } from "../objects/billing-portal-session";
import type { WirePortalSession } from "../wire";

/** `POST /v1/billing_portal/sessions`: a link to the customer's hosted portal page. */
export function createPortalSession(
  ctx: OperationContext,
  input: { customer: string; returnUrl: string | null; locale: WirePortalSession["locale"] },
): WirePortalSession {
  mustFind(ctx.state, "customers", input.customer, "customer");
  const session = buildPortalSession({ created: ctx.now, origin: ctx.origin, ...input });
  ctx.state.portalSessions[session.id] = session;
  return session;
}
