import type Stripe from "stripe";
import { cardError, invalidRequest } from "../errors";
import { mustFind } from "../lookup";
import { attemptInvoicePayment } from "../operations/invoices";
import { paymentMethodOf, reactivateIfPaid } from "../operations/subscriptions";
import { optionalEnum, optionalString, paramsOf } from "../params";
import { createdFilter, paginate } from "../pagination";
import { idOf } from "../wire";
import { EXPAND, PAGINATION, expanded, newestFirst, type Route } from "./route";

export const invoiceRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/v1/invoices/:id",
    params: paramsOf<Stripe.InvoiceRetrieveParams>()({ ...EXPAND }),
    handle: (request) => expanded(request, mustFind(request.state, "invoices", request.pathParams.id as string)),
  },
  {
    method: "GET",
    pattern: "/v1/invoices",
    params: paramsOf<Stripe.InvoiceListParams>()({
      ...EXPAND,
      ...PAGINATION,
      customer: "scalar",
      subscription: "scalar",
      status: "scalar",
      collection_method: "scalar",
      created: "range",
    }),
    handle(request) {
      const { params } = request;
      const customer = optionalString(params, "customer");
      const subscription = optionalString(params, "subscription");
      const status = optionalEnum(params, "status", ["draft", "open", "paid", "uncollectible", "void"] as const);
      const inRange = createdFilter(params);
      const invoices = newestFirst(request.state.invoices).filter(
        (invoice) =>
          inRange(invoice.created) &&
          (customer == null || invoice.customer === customer) &&
          (subscription == null || idOf(invoice.parent?.subscription_details?.subscription) === subscription) &&
          (status == null || invoice.status === status),
      );
      return expanded(request, paginate(invoices, params, "/v1/invoices", "invoice"));
    },
  },
  {
    method: "POST",
    pattern: "/v1/invoices/:id/pay",
    params: paramsOf<Stripe.InvoicePayParams>()({ ...EXPAND, off_session: "scalar" }),
    handle(request) {
      const invoice = mustFind(request.state, "invoices", request.pathParams.id as string);
      if (invoice.status === "paid") throw invalidRequest(`Invoice is already paid`, undefined, "invoice_already_paid");
      if (invoice.status !== "open")
        throw invalidRequest(`This invoice can only be paid when it is open; it is ${invoice.status}.`, undefined, "invoice_not_editable");
      const subscriptionId = idOf(invoice.parent?.subscription_details?.subscription);
      const subscription = mustFind(request.state, "subscriptions", String(subscriptionId));
      const context = request.context();
      const paymentMethod = paymentMethodOf(context, subscription);
      if (attemptInvoicePayment(context, invoice, paymentMethod) === "declined") {
        const paymentIntent = Object.values(request.state.invoicePayments).find((payment) => payment.invoice === invoice.id);
        const intentId = idOf(paymentIntent?.payment.payment_intent ?? null);
        const intent = intentId ? request.state.paymentIntents[intentId] : undefined;
        throw cardError("Your card was declined.", "card_declined", "generic_decline", {
          ...(intent ? { payment_intent: intent as unknown as Record<string, unknown>, charge: String(idOf(intent.latest_charge)) } : {}),
        });
      }
      reactivateIfPaid(context, subscription);
      return expanded(request, invoice);
    },
  },
  {
    method: "GET",
    pattern: "/v1/invoices/:id/lines",
    params: paramsOf<Stripe.InvoiceListLineItemsParams>()({ ...EXPAND, ...PAGINATION }),
    handle(request) {
      const invoice = mustFind(request.state, "invoices", request.pathParams.id as string);
      return expanded(request, paginate(invoice.lines.data, request.params, `/v1/invoices/${invoice.id}/lines`, "line item"));
    },
  },
  {
    method: "GET",
    pattern: "/v1/invoice_payments/:id",
    params: paramsOf<Stripe.InvoicePaymentRetrieveParams>()({ ...EXPAND }),
    handle: (request) => expanded(request, mustFind(request.state, "invoicePayments", request.pathParams.id as string)),
  },
  {
    method: "GET",
    pattern: "/v1/invoice_payments",
    params: paramsOf<Stripe.InvoicePaymentListParams>()({ ...EXPAND, ...PAGINATION, invoice: "scalar", payment: { type: "scalar", payment_intent: "scalar" } }),
    handle(request) {
      const invoice = optionalString(request.params, "invoice");
      const payment = request.params.payment;
      const paymentIntent =
        typeof payment === "object" && !Array.isArray(payment) ? optionalString(payment, "payment_intent", "payment[payment_intent]") : undefined;
      const payments = newestFirst(request.state.invoicePayments).filter(
        (candidate) => (invoice == null || candidate.invoice === invoice) && (paymentIntent == null || candidate.payment.payment_intent === paymentIntent),
      );
      return expanded(request, paginate(payments, request.params, "/v1/invoice_payments", "invoice_payment"));
    },
  },
];
