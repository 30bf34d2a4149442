import { noSuch } from "../errors";
import { mustFind } from "../lookup";
import { failSubscriptionRenewal, renewSubscription } from "../operations/subscriptions";
import { list, stringList } from "../params";
import { idOf, type WireEvent, type WireInvoice, type WireSubscription } from "../wire";
import { EXPAND, type ApiRequest, type Route } from "./route";

/**
 * Test helpers (not Stripe API): POST /stripe-emulator/test-helpers/…
 * They drive billing on demand so tests can see the monthly payments after the first.
 */
function billingResult(
  request: ApiRequest,
  outcome: { subscription: WireSubscription; invoice: WireInvoice | null },
  emitted: WireEvent[],
) {
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
