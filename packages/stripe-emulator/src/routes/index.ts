import { balanceTransactionRoutes } from "./balance-transactions";
import { billingPortalRoutes } from "./billing-portal";
import { checkoutSessionRoutes } from "./checkout-sessions";
import { customerRoutes } from "./customers";
import { disputeRoutes } from "./disputes";
import { eventRoutes } from "./events";
import { invoiceRoutes } from "./invoices";
import { paymentRoutes } from "./payments";
import { refundRoutes } from "./refunds";
import type { Route } from "./route";
import { subscriptionRoutes } from "./subscriptions";
import { testHelperRoutes } from "./test-helpers";

interface CompiledRoute {
  route: Route;
  regex: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.pattern
    .split("/")
    .map((segment) => {
      if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(segment.slice(1));
      return "([^/]+)";
    })
    .join("/");
  return { route, regex: new RegExp(`^${source}$`), names };
}

const ROUTES = [
  ...customerRoutes,
  ...checkoutSessionRoutes,
  ...paymentRoutes,
  ...invoiceRoutes,
  ...subscriptionRoutes,
  ...refundRoutes,
  ...disputeRoutes,
  ...balanceTransactionRoutes,
  ...billingPortalRoutes,
  ...eventRoutes,
  ...testHelperRoutes,
].map(compile);

export type RouteMatch = { route: Route; pathParams: Record<string, string> } | { route: null; pathExists: boolean };

/** Finds the route for a method and path (path relative to /stripe-emulator). */
export function matchRoute(method: string, path: string): RouteMatch {
  let pathExists = false;
  for (const { route, regex, names } of ROUTES) {
    const match = regex.exec(path);
    if (!match) continue;
    pathExists = true;
    if (route.method !== method) continue;
    const pathParams: Record<string, string> = {};
    names.forEach((name, index) => {
      pathParams[name] = decodeURIComponent(match[index + 1] ?? "");
    });
    return { route, pathParams };
  }
  return { route: null, pathExists };
}
