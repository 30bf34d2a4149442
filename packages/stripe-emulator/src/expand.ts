import { invalidRequest } from "./errors";
import { findById, looksLikeId } from "./lookup";
import type { EmulatorState } from "./state";
import { cloneJson, type WireList } from "./wire";

/** Stripe refuses expansions deeper than four levels. */
const MAX_DEPTH = 4;

function cannotExpand(path: string) {
  return invalidRequest(`This property cannot be expanded (${path}).`, "expand");
}

function list<T>(data: T[], url: string): WireList<T> {
  return { object: "list", data: cloneJson(data), has_more: false, url };
}

/**
 * Fields Stripe leaves out unless asked for with `expand` ("includable" fields): a session's
 * `line_items`, an invoice's `payments`, a charge's `refunds`, a customer's `subscriptions`.
 */
function includable(state: EmulatorState, object: Record<string, unknown>, field: string): unknown {
  const id = String(object.id);
  switch (`${String(object.object)}.${field}`) {
    case "checkout.session.line_items":
      return list(state.checkoutSessionData[id]?.lineItems ?? [], `/v1/checkout/sessions/${id}/line_items`);
    case "invoice.payments":
      return list(
        Object.values(state.invoicePayments)
          .filter((payment) => payment.invoice === id)
          .reverse(),
        `/v1/invoices/${id}/payments`,
      );
    case "charge.refunds": {
      // Stripe includes a charge's 10 newest refunds and says whether there are more.
      const refunds = Object.values(state.refunds)
        .filter((refund) => refund.charge === id)
        .reverse();
      return { ...list(refunds.slice(0, 10), `/v1/charges/${id}/refunds`), has_more: refunds.length > 10 };
    }
    case "customer.subscriptions":
      return list(
        Object.values(state.subscriptions)
          .filter((subscription) => subscription.customer === id && subscription.status !== "canceled")
          .reverse(),
        `/v1/customers/${id}/subscriptions`,
      );
    default:
      return undefined;
  }
}

function expandAt(state: EmulatorState, node: unknown, segments: string[], path: string): void {
  if (node === null || node === undefined || segments.length === 0) return;
  if (Array.isArray(node)) {
    for (const element of node) expandAt(state, element, segments, path);
    return;
  }
  if (typeof node !== "object") throw cannotExpand(path);
  const [head, ...rest] = segments as [string, ...string[]];
  const object = node as Record<string, unknown>;
  let value = object[head];
  if (value === undefined) {
    value = includable(state, object, head);
    if (value === undefined) throw cannotExpand(path);
    object[head] = value;
  } else if (typeof value === "string") {
    if (!looksLikeId(value)) throw cannotExpand(path);
    const found = findById(state, value);
    if (!found) return;
    value = cloneJson(found);
    object[head] = value;
  } else if (typeof value !== "object") {
    throw cannotExpand(path);
  }
  expandAt(state, value, rest, path);
}

/**
 * Applies `expand[]` paths (`customer`, `payment_intent.latest_charge`, `data.customer` on
 * lists…) to a copy of a response object.
 */
export function expand<T>(state: EmulatorState, root: T, paths: string[]): T {
  const result = cloneJson(root);
  for (const path of paths) {
    const segments = path.split(".");
    if (segments.length > MAX_DEPTH) {
      throw invalidRequest(`You cannot expand more than ${MAX_DEPTH} levels of a property. Property: ${path}`, "expand");
    }
    expandAt(state, result, segments, path);
  }
  return result;
}
