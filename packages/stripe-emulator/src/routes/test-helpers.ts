import { missingParam, noSuch } from "../errors";
import { mustFind } from "../lookup";
import { failSubscriptionRenewal, renewSubscription } from "../operations/subscriptions";
import { invalidRequest } from "../errors";
import { closeDispute, openDispute, submitDisputeEvidence } from "../operations/disputes";
import { failRefund } from "../operations/refunds";
import { advanceTestClock } from "../operations/test-clock";
import { savePortalSettings } from "../operations/portal";
import { list, optionalEnum, optionalInteger, optionalString, optionalUrl, stringList } from "../params";
import { idOf, type WireEvent, type WireInvoice, type WireSubscription } from "../wire";
import { EXPAND, type ApiRequest, type Route } from "./route";

/**
 * Test helpers (not Stripe API): POST /stripe-emulator/test-helpers/…
 * They drive billing on demand so tests can see the monthly payments after the first.
 */
function billingResult(request: ApiRequest, outcome: { subscription: WireSubscription; invoice: WireInvoice | null }, emitted: WireEvent[]) {
  const state = request.state;
  const payment = outcome.invoice
    ? Object.values(state.invoicePayments).find((candidate) => candidate.invoice === outcome.invoice?.id && candidate.is_default)
    : undefined;
  const paymentIntent = payment ? state.paymentIntents[String(idOf(payment.payment.payment_intent))] : undefined;
  const charge = paymentIntent ? state.charges[String(idOf(paymentIntent.latest_charge))] : undefined;
  return {
    body: {
      object: "test_helpers.billing_result",
      subscription: outcome.subscription,
      invoice: outcome.invoice,
      payment_intent: paymentIntent ?? null,
      charge: charge ?? null,
      events: emitted.map(({ id, type }) => ({ id, type })),
    },
  };
}

export const testHelperRoutes: Route[] = [
  {
    // Like Stripe's test clocks (POST /v1/test_helpers/test_clocks/:id/advance): time jumps to
    // `frozen_time` and billing catches up (renewals, paused periods voided, pauses lifted at
    // resumes_at, scheduled ends), each at its own moment. With `customer`, only that customer's
    // subscriptions move, as with a test clock attached to one customer, and the rest of the
    // emulator keeps its time; without it the whole emulator's clock moves.
    method: "POST",
    pattern: "/test-helpers/clock/advance",
    params: { frozen_time: "scalar", customer: "scalar" },
    public: true,
    handle(request) {
      const { state } = request;
      const target = optionalInteger(request.params, "frozen_time", "frozen_time", { min: 0 });
      if (target === undefined) throw missingParam("frozen_time");
      const customer = optionalString(request.params, "customer") ?? null;
      if (customer) mustFind(state, "customers", customer, "customer");
      const current = customer ? Math.max(state.customerClocks[customer] ?? 0, request.now) : request.now;
      if (target < current) throw invalidRequest(`The frozen_time must be after the clock's current time (${current}).`, "frozen_time");
      const first = state.events.length;
      // Bank debits due by then settle too (with `customer`, only that customer's), in time order with the renewals.
      advanceTestClock(state, current, target, (at) => request.contextAt(at), customer);
      if (customer) state.customerClocks[customer] = target;
      else state.clockOffset += target - request.now;
      const events = state.events.slice(first).map(({ id, type }) => ({ id, type }));
      return { body: { object: "test_helpers.clock_advance", frozen_time: target, customer, events } };
    },
  },
  {
    method: "GET",
    pattern: "/test-helpers/clock",
    params: {},
    public: true,
    handle(request) {
      return { body: { object: "test_helpers.clock", frozen_time: request.now } };
    },
  },
  {
    method: "POST",
    pattern: "/test-helpers/subscriptions/:id/renew",
    params: { ...EXPAND },
    public: true,
    handle(request) {
      const subscription = mustFind(request.state, "subscriptions", request.pathParams.id as string);
      const context = request.context();
      const outcome = renewSubscription(context, subscription);
      return billingResult(request, outcome, context.emitted);
    },
  },
  {
    method: "POST",
    pattern: "/test-helpers/subscriptions/:id/fail-renewal",
    params: { ...EXPAND },
    public: true,
    handle(request) {
      const subscription = mustFind(request.state, "subscriptions", request.pathParams.id as string);
      const context = request.context();
      const outcome = failSubscriptionRenewal(context, subscription);
      return billingResult(request, outcome, context.emitted);
    },
  },
  {
    method: "POST",
    pattern: "/test-helpers/events/deliver",
    params: { events: list("scalar") },
    public: true,
    async handle(request) {
      const ids = stringList(request.params, "events");
      for (const id of ids) {
        if (!request.state.events.some((event) => event.id === id)) {
          throw noSuch("event", id, "events");
        }
      }
      const attempts = await request.webhooks.deliverEvents(ids);
      return { body: { object: "list", data: attempts, has_more: false, url: "/test-helpers/events/deliver" } };
    },
  },
  {
    // The dashboard's "Save" on the customer portal settings page: sessions need it (see operations/portal).
    method: "POST",
    pattern: "/test-helpers/billing-portal/settings",
    params: { cancel_mode: "scalar", default_return_url: "scalar", headline: "scalar" },
    public: true,
    handle(request) {
      const { params } = request;
      const context = request.context();
      const configuration = savePortalSettings(context.state, context.now, {
        cancelMode: optionalEnum(params, "cancel_mode", ["at_period_end", "immediately"] as const),
        defaultReturnUrl: optionalUrl(params, "default_return_url"),
        headline: optionalString(params, "headline"),
      });
      return { body: configuration };
    },
  },
  {
    method: "POST",
    pattern: "/test-helpers/charges/:id/dispute",
    params: { reason: "scalar", amount: "scalar" },
    public: true,
    handle(request) {
      const charge = mustFind(request.state, "charges", request.pathParams.id as string);
      const amount = optionalInteger(request.params, "amount");
      const dispute = openDispute(request.context(), charge, { reason: optionalString(request.params, "reason") ?? undefined, amount: amount ?? undefined });
      return { body: dispute };
    },
  },
  {
    method: "POST",
    pattern: "/test-helpers/disputes/:id/submit-evidence",
    params: {},
    public: true,
    handle(request) {
      const dispute = mustFind(request.state, "disputes", request.pathParams.id as string);
      return { body: submitDisputeEvidence(request.context(), dispute) };
    },
  },
  {
    method: "POST",
    pattern: "/test-helpers/disputes/:id/close",
    params: { status: "scalar" },
    public: true,
    handle(request) {
      const dispute = mustFind(request.state, "disputes", request.pathParams.id as string);
      const outcome = optionalEnum(request.params, "status", ["won", "lost"] as const);
      if (!outcome) throw missingParam("status");
      const charge = mustFind(request.state, "charges", idOf(dispute.charge)!);
      return { body: closeDispute(request.context(), dispute, outcome, charge) };
    },
  },
  {
    // The bank could not return this refund (any card; the 5126 card does it on its own).
    method: "POST",
    pattern: "/test-helpers/refunds/:id/fail",
    params: { failure_reason: "scalar" },
    public: true,
    handle(request) {
      const refund = mustFind(request.state, "refunds", request.pathParams.id as string);
      const reason = optionalEnum(request.params, "failure_reason", [
        "charge_for_pending_refund_disputed",
        "declined",
        "expired_or_canceled_card",
        "insufficient_funds",
        "lost_or_stolen_card",
        "merchant_request",
        "unknown",
      ] as const);
      return { body: failRefund(request.context(), refund, reason ?? "expired_or_canceled_card") };
    },
  },
  {
    method: "POST",
    pattern: "/test-helpers/faults",
    params: { count: "scalar", method: "scalar", path: "scalar", status: "scalar", kind: "scalar" },
    public: true,
    handle(request) {
      const { params } = request;
      const count = optionalInteger(params, "count", "count", { min: 0, max: 1000 }) ?? 1;
      const status = optionalEnum(params, "status", ["500", "502", "503", "504"] as const);
      if (count === 0) {
        request.faults.clear();
      } else {
        request.faults.failNext({
          count,
          method: optionalEnum(params, "method", ["GET", "POST", "DELETE"] as const),
          path: optionalString(params, "path") ?? undefined,
          status: status ? Number(status) : undefined,
          kind: optionalEnum(params, "kind", ["api_error", "rate_limit", "lock_timeout"] as const),
        });
      }
      return { body: { object: "test_helpers.faults", count } };
    },
  },
  {
    method: "POST",
    pattern: "/test-helpers/webhooks/pause",
    params: {},
    public: true,
    handle(request) {
      request.webhooks.pause();
      return { body: { object: "test_helpers.webhooks", paused: true } };
    },
  },
  {
    method: "POST",
    pattern: "/test-helpers/webhooks/resume",
    params: {},
    public: true,
    handle(request) {
      request.webhooks.resume();
      return { body: { object: "test_helpers.webhooks", paused: false } };
    },
  },
];
