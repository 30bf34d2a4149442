import type { OperationContext } from "../context";
import { previousAttributes } from "../diff";
import { invalidRequest } from "../errors";
import { newId } from "../ids";
import { mustFind } from "../lookup";
import { buildPrice, planFromPrice } from "../objects/product";
import { buildSubscription, buildSubscriptionItem } from "../objects/subscription";
import { RENEWAL_DECLINE } from "../cards";
import { applyMetadata, type MetadataUpdate } from "../params";
import { addIntervals, nextPeriodEnd, type Interval } from "../time";
import { cloneJson, idOf, type WireCustomer, type WireInvoice, type WirePaymentMethod, type WirePrice, type WireSubscription } from "../wire";
import { announceDraft, createDraftInvoice, defaultPaymentOf, failInvoicePayment, finalizeInvoice, payInvoice, voidDraftInvoice } from "./invoices";
import { invoiceDebitProcessing, startInvoiceBankDebit } from "./bank-debits";
import { FORCED_BANK_FAILURE } from "../bank-accounts";

/** A saved bank account (ACH or SEPA): its payments are processing for days, then succeed or fail. */
export function isBankPaymentMethod(paymentMethod: WirePaymentMethod): boolean {
  return paymentMethod.type === "us_bank_account" || paymentMethod.type === "sepa_debit";
}

function productName(ctx: OperationContext, price: WirePrice): string {
  const product = ctx.state.products[String(idOf(price.product))];
  return product?.name ?? "Subscription";
}

function intervalOf(price: WirePrice): { interval: Interval; count: number } {
  const recurring = price.recurring;
  if (!recurring) throw invalidRequest(`The price specified is set to \`type=one_time\` but this field only accepts prices with \`type=recurring\`.`, "price");
  return { interval: recurring.interval as Interval, count: recurring.interval_count };
}

export interface StartSubscriptionInput {
  customer: WireCustomer;
  items: { price: WirePrice; quantity: number }[];
  description: string | null;
  metadata: Record<string, string>;
  paymentMethod: WirePaymentMethod;
  /** The Checkout Session that started it: a bank debit's outcome also settles the session (async_payment_*). */
  checkoutSession?: string | null;
}

/**
 * What Checkout does in `subscription` mode once the card succeeds: an active subscription,
 * its first invoice (billing_reason `subscription_create`) and the payment behind it. Events:
 * customer.subscription.created, invoice.created, invoice.finalized, invoice.paid,
 * invoice.payment_succeeded.
 */
export function startSubscription(ctx: OperationContext, input: StartSubscriptionInput): { subscription: WireSubscription; invoice: WireInvoice } {
  const id = newId("subscription");
  const items = input.items.map(({ price, quantity }) => {
    const { interval, count } = intervalOf(price);
    return buildSubscriptionItem({
      created: ctx.now,
      subscription: id,
      price,
      quantity,
      periodStart: ctx.now,
      periodEnd: addIntervals(ctx.now, interval, count, 1),
    });
  });
  const subscription = buildSubscription({
    id,
    created: ctx.now,
    customer: input.customer.id,
    currency: items[0]?.price.currency ?? "usd",
    description: input.description,
    metadata: input.metadata,
    items,
    defaultPaymentMethod: input.paymentMethod.id,
    latestInvoice: null,
  });
  ctx.state.subscriptions[id] = subscription;
  const invoice = createDraftInvoice(ctx, {
    customer: input.customer,
    subscription,
    billingReason: "subscription_create",
    periodStart: ctx.now,
    periodEnd: ctx.now,
    lines: items.map((item) => ({
      item,
      productName: productName(ctx, item.price),
      periodStart: item.current_period_start,
      periodEnd: item.current_period_end,
    })),
  });
  subscription.latest_invoice = invoice.id;
  ctx.emit("customer.subscription.created", subscription);
  announceDraft(ctx, invoice);
  finalizeInvoice(ctx, invoice, "off_session");
  if (isBankPaymentMethod(input.paymentMethod)) {
    // A bank debit: the subscription is active while the first invoice's payment is processing;
    // the invoice stays open until the debit settles (invoice.paid, or invoice.payment_failed).
    startInvoiceBankDebit(ctx, invoice, defaultPaymentOf(ctx, invoice).paymentIntent, input.paymentMethod, { checkoutSession: input.checkoutSession ?? null });
  } else {
    payInvoice(ctx, invoice, input.paymentMethod);
  }
  return { subscription, invoice };
}

export function paymentMethodOf(ctx: OperationContext, subscription: WireSubscription): WirePaymentMethod {
  const id = idOf(subscription.default_payment_method);
  const paymentMethod = id ? ctx.state.paymentMethods[id] : undefined;
  if (!paymentMethod) {
    throw invalidRequest(`This customer has no attached payment source or default payment method.`, undefined, "resource_missing");
  }
  return paymentMethod;
}

function customerOf(ctx: OperationContext, subscription: WireSubscription): WireCustomer {
  return mustFind(ctx.state, "customers", String(idOf(subscription.customer)));
}

function requireLive(subscription: WireSubscription): void {
  if (subscription.status === "canceled" || subscription.status === "incomplete_expired") {
    throw invalidRequest(`This subscription is ${subscription.status}; it cannot be billed again.`, "subscription");
  }
}

function openLatestInvoice(ctx: OperationContext, subscription: WireSubscription): WireInvoice | null {
  const id = idOf(subscription.latest_invoice);
  const invoice = id ? ctx.state.invoices[id] : undefined;
  return invoice && invoice.status === "open" ? invoice : null;
}

/** Moves every item to its next period and drafts the `subscription_cycle` invoice for it. */
function startNextPeriod(ctx: OperationContext, subscription: WireSubscription): WireInvoice {
  const first = subscription.items.data[0];
  if (!first) throw invalidRequest(`This subscription has no items.`, "subscription");
  const endedStart = first.current_period_start;
  const endedEnd = first.current_period_end;
  for (const item of subscription.items.data) {
    const { interval, count } = intervalOf(item.price);
    item.current_period_start = item.current_period_end;
    item.current_period_end = nextPeriodEnd(subscription.billing_cycle_anchor, interval, count, item.current_period_start);
  }
  const invoice = createDraftInvoice(ctx, {
    customer: customerOf(ctx, subscription),
    subscription,
    billingReason: "subscription_cycle",
    periodStart: endedStart,
    periodEnd: endedEnd,
    lines: subscription.items.data.map((item) => ({
      item,
      productName: productName(ctx, item.price),
      periodStart: item.current_period_start,
      periodEnd: item.current_period_end,
    })),
  });
  subscription.latest_invoice = invoice.id;
  return invoice;
}

/**
 * A renewal while collection is paused: the next period starts and its invoice is drafted, as
 * always, then handled by pause_collection.behavior; nothing is charged. The emulator supports
 * `void` (what Lantern uses): the invoice is voided at once. `keep_as_draft` leaves it a draft;
 * `mark_uncollectible` finalizes it and marks it uncollectible without attempting payment.
 */
function skipPausedPeriod(ctx: OperationContext, subscription: WireSubscription) {
  const before = cloneJson(subscription);
  const invoice = startNextPeriod(ctx, subscription);
  announceDraft(ctx, invoice);
  const behavior = subscription.pause_collection?.behavior;
  if (behavior === "void") voidDraftInvoice(ctx, invoice);
  else if (behavior === "mark_uncollectible") {
    invoice.status = "uncollectible";
    invoice.status_transitions.marked_uncollectible_at = ctx.now;
    ctx.emit("invoice.marked_uncollectible", invoice);
  }
  ctx.emit("customer.subscription.updated", subscription, previousAttributes(before, subscription));
  return { subscription, invoice };
}

/** Stripe clears pause_collection once `resumes_at` has passed; the next renewal collects again. */
export function resumeCollection(ctx: OperationContext, subscription: WireSubscription): void {
  if (!subscription.pause_collection) return;
  const before = cloneJson(subscription);
  subscription.pause_collection = null;
  ctx.emit("customer.subscription.updated", subscription, previousAttributes(before, subscription));
}

/**
 * Moves billing forward to `target` (unix seconds), as a test clock does: for each live
 * subscription, in time order, a pause whose `resumes_at` has come is lifted, each period end
 * reached renews the subscription (paid, or skipped while paused) and a scheduled end takes
 * effect. Each step happens at its own time (`contextAt`), so invoices and events carry the
 * boundary's date. A past-due subscription waits for its open invoice (renew or fail-renewal).
 */
export function advanceBilling(
  state: { subscriptions: Record<string, WireSubscription> },
  target: number,
  contextAt: (now: number) => OperationContext,
  customer: string | null = null,
): void {
  for (const subscription of Object.values(state.subscriptions)) {
    if (customer !== null && idOf(subscription.customer) !== customer) continue;
    for (let step = 0; step < 1000; step += 1) {
      if (subscription.status === "canceled" || subscription.status === "incomplete_expired" || subscription.status === "past_due") break;
      if (subscription.items.data.length === 0) break;
      const periodEnd = currentPeriodEnd(subscription);
      const resumesAt = subscription.pause_collection?.resumes_at ?? null;
      if (resumesAt !== null && resumesAt <= periodEnd && resumesAt <= target) {
        resumeCollection(contextAt(resumesAt), subscription);
        continue;
      }
      const endsAt = subscription.cancel_at !== null && subscription.cancel_at <= periodEnd ? subscription.cancel_at : null;
      if (endsAt !== null && endsAt <= target) {
        endAtPeriodEnd(contextAt(endsAt), subscription);
        break;
      }
      if (periodEnd > target) break;
      renewSubscription(contextAt(periodEnd), subscription);
    }
  }
}

/** Ends a subscription whose customer asked to cancel at period end, as Stripe does at the boundary. */
function endAtPeriodEnd(ctx: OperationContext, subscription: WireSubscription) {
  const before = cloneJson(subscription);
  subscription.status = "canceled";
  subscription.ended_at = subscription.cancel_at ?? ctx.now;
  ctx.emit("customer.subscription.deleted", subscription, previousAttributes(before, subscription));
  return { subscription, invoice: null };
}

/**
 * Test helper: bill the next period now. Pays the next `subscription_cycle` invoice (events
 * invoice.created, invoice.finalized, invoice.paid, invoice.payment_succeeded,
 * customer.subscription.updated). A past-due subscription instead has its open invoice paid
 * (a successful retry); one set to cancel at period end is ended.
 */
export function renewSubscription(ctx: OperationContext, subscription: WireSubscription): { subscription: WireSubscription; invoice: WireInvoice | null } {
  requireLive(subscription);
  if (subscription.cancel_at_period_end) return endAtPeriodEnd(ctx, subscription);
  if (subscription.pause_collection && !openLatestInvoice(ctx, subscription)) return skipPausedPeriod(ctx, subscription);
  const before = cloneJson(subscription);
  const paymentMethod = paymentMethodOf(ctx, subscription);
  // A successful renewal means the card works again (as if the donor updated it).
  delete ctx.state.decliningPaymentMethods[paymentMethod.id];
  let invoice = openLatestInvoice(ctx, subscription);
  if (invoice && isBankPaymentMethod(paymentMethod) && invoiceDebitProcessing(ctx, invoice)) invoice = null;
  if (!invoice) {
    invoice = startNextPeriod(ctx, subscription);
    announceDraft(ctx, invoice);
    finalizeInvoice(ctx, invoice, null);
  }
  if (isBankPaymentMethod(paymentMethod)) {
    // The bank debit is processing: the status stays as it is until it settles (operations/bank-debits.ts).
    startInvoiceBankDebit(ctx, invoice, defaultPaymentOf(ctx, invoice).paymentIntent, paymentMethod);
  } else {
    payInvoice(ctx, invoice, paymentMethod);
    subscription.status = "active";
  }
  const previous = previousAttributes(before, subscription);
  if (!isBankPaymentMethod(paymentMethod) || Object.keys(previous).length > 0) ctx.emit("customer.subscription.updated", subscription, previous);
  return { subscription, invoice };
}

/**
 * Test helper: the next period's payment is declined. The invoice stays open with
 * `next_payment_attempt`, the subscription goes `past_due` (events invoice.created,
 * invoice.finalized, invoice.payment_failed, customer.subscription.updated). If an invoice is
 * already open, this is one more failed attempt on it.
 */
export function failSubscriptionRenewal(ctx: OperationContext, subscription: WireSubscription): { subscription: WireSubscription; invoice: WireInvoice } {
  requireLive(subscription);
  const before = cloneJson(subscription);
  const paymentMethod = paymentMethodOf(ctx, subscription);
  if (isBankPaymentMethod(paymentMethod)) {
    // A bank debit fails only when the bank returns it: processing now, failed at settlement.
    let open = openLatestInvoice(ctx, subscription);
    if (open && invoiceDebitProcessing(ctx, open)) open = null;
    const invoice = open ?? startNextPeriod(ctx, subscription);
    if (!open) {
      announceDraft(ctx, invoice);
      finalizeInvoice(ctx, invoice, null);
    }
    startInvoiceBankDebit(ctx, invoice, defaultPaymentOf(ctx, invoice).paymentIntent, paymentMethod, { failure: FORCED_BANK_FAILURE });
    const previous = previousAttributes(before, subscription);
    if (Object.keys(previous).length > 0) ctx.emit("customer.subscription.updated", subscription, previous);
    return { subscription, invoice };
  }
  // From now on this card declines, also for `POST /v1/invoices/:id/pay`, until a renewal succeeds.
  ctx.state.decliningPaymentMethods[paymentMethod.id] = true;
  let invoice = openLatestInvoice(ctx, subscription);
  if (!invoice) {
    invoice = startNextPeriod(ctx, subscription);
    announceDraft(ctx, invoice);
    finalizeInvoice(ctx, invoice, null);
  }
  failInvoicePayment(ctx, invoice, paymentMethod, RENEWAL_DECLINE);
  subscription.status = "past_due";
  const previous = previousAttributes(before, subscription);
  if (Object.keys(previous).length > 0) ctx.emit("customer.subscription.updated", subscription, previous);
  return { subscription, invoice };
}

/** A past-due subscription whose open invoice got paid is active again (customer.subscription.updated). */
export function reactivateIfPaid(ctx: OperationContext, subscription: WireSubscription): void {
  const latest = ctx.state.invoices[String(idOf(subscription.latest_invoice))];
  if (subscription.status !== "past_due" || latest?.status !== "paid") return;
  const before = cloneJson(subscription);
  subscription.status = "active";
  delete ctx.state.decliningPaymentMethods[String(idOf(subscription.default_payment_method))];
  ctx.emit("customer.subscription.updated", subscription, previousAttributes(before, subscription));
}

export interface ItemChange {
  /** Existing item to change; without it Stripe adds a new item. */
  id?: string;
  price?: string;
  priceData?: { currency: string; product: string; unitAmount: number; interval: Interval; intervalCount: number };
  quantity?: number;
  deleted?: boolean;
  metadata?: MetadataUpdate;
  path: string;
}

export interface SubscriptionChanges {
  cancelAtPeriodEnd?: boolean;
  /** A scheduled end (unix seconds), the current period's end, or null to clear one (`cancel_at=""`). */
  cancelAt?: number | "period_end" | null;
  description?: string | null;
  metadata?: MetadataUpdate;
  items?: ItemChange[];
  cancellationDetails?: { comment?: string | null; feedback?: string | null };
  /** Accepted and recorded in the event's request, but no proration items are created (see README). */
  prorationBehavior?: "always_invoice" | "create_prorations" | "none";
  /** Pause collection (null: resume now, Stripe's `pause_collection=""`). */
  pauseCollection?: { behavior: "keep_as_draft" | "mark_uncollectible" | "void"; resumesAt: number | null } | null;
}

function currentPeriodEnd(subscription: WireSubscription): number {
  return Math.max(...subscription.items.data.map((item) => item.current_period_end));
}

/** `POST /v1/subscriptions/:id`, also used by the portal. Emits customer.subscription.updated. */
export function updateSubscription(ctx: OperationContext, subscription: WireSubscription, changes: SubscriptionChanges): WireSubscription {
  if (changes.pauseCollection?.resumesAt != null && changes.pauseCollection.resumesAt <= ctx.now) {
    throw invalidRequest(`pause_collection[resumes_at] must be in the future.`, "pause_collection[resumes_at]");
  }
  if (subscription.status === "canceled") {
    const allowed =
      changes.items === undefined &&
      changes.cancelAtPeriodEnd === undefined &&
      changes.cancelAt === undefined &&
      changes.description === undefined &&
      changes.pauseCollection === undefined;
    if (!allowed) {
      throw invalidRequest(`A canceled subscription can only update its cancellation_details and metadata.`, undefined);
    }
  }
  // Resolve everything first so a bad item changes nothing.
  const resolved = (changes.items ?? []).map((change) => {
    const item = change.id ? subscription.items.data.find((candidate) => candidate.id === change.id) : undefined;
    if (change.id && !item) throw invalidRequest(`No such subscription item: '${change.id}'`, `${change.path}[id]`, "resource_missing");
    let price: WirePrice | undefined;
    if (change.price) {
      price = mustFind(ctx.state, "prices", change.price, `${change.path}[price]`);
      if (!price.recurring) {
        throw invalidRequest(
          `The price specified is set to \`type=one_time\` but this field only accepts prices with \`type=recurring\`.`,
          `${change.path}[price]`,
        );
      }
    }
    if (change.priceData) mustFind(ctx.state, "products", change.priceData.product, `${change.path}[price_data][product]`);
    if (!item && !change.deleted && !price && !change.priceData) {
      throw invalidRequest(`You must specify either \`price\` or \`price_data\` for a new subscription item.`, change.path);
    }
    return { change, item, price };
  });

  const before = cloneJson(subscription);
  for (const { change, item, price: existingPrice } of resolved) {
    let price = existingPrice;
    if (change.priceData) {
      price = buildPrice({
        created: ctx.now,
        currency: change.priceData.currency,
        unitAmount: change.priceData.unitAmount,
        product: change.priceData.product,
        recurring: { interval: change.priceData.interval, intervalCount: change.priceData.intervalCount },
      });
      ctx.state.prices[price.id] = price;
    }
    if (item && change.deleted) {
      subscription.items.data = subscription.items.data.filter((candidate) => candidate.id !== item.id);
      continue;
    }
    if (item) {
      if (price) {
        item.price = price;
        item.plan = planFromPrice(price);
      }
      if (change.quantity !== undefined) item.quantity = change.quantity;
      item.metadata = applyMetadata(item.metadata, change.metadata);
    } else if (price) {
      const first = subscription.items.data[0];
      subscription.items.data.push(
        buildSubscriptionItem({
          created: ctx.now,
          subscription: subscription.id,
          price,
          quantity: change.quantity ?? 1,
          periodStart: first?.current_period_start ?? ctx.now,
          periodEnd: first?.current_period_end ?? addIntervals(ctx.now, intervalOf(price).interval, intervalOf(price).count, 1),
          metadata: applyMetadata({}, change.metadata),
        }),
      );
    }
  }
  if (subscription.items.data.length === 0) {
    subscription.items.data = before.items.data;
    throw invalidRequest(`A subscription must have at least one active plan. To cancel a subscription, send a DELETE request instead.`, "items");
  }
  if (changes.description !== undefined) subscription.description = changes.description;
  subscription.metadata = applyMetadata(subscription.metadata, changes.metadata);
  if (changes.cancellationDetails) {
    const details = subscription.cancellation_details ?? { comment: null, feedback: null, feedback_option: null, reason: null };
    if (changes.cancellationDetails.comment !== undefined) details.comment = changes.cancellationDetails.comment;
    if (changes.cancellationDetails.feedback !== undefined) details.feedback = changes.cancellationDetails.feedback;
    subscription.cancellation_details = details;
  }
  if (changes.cancelAtPeriodEnd !== undefined && changes.cancelAtPeriodEnd !== subscription.cancel_at_period_end) {
    subscription.cancel_at_period_end = changes.cancelAtPeriodEnd;
    subscription.cancel_at = changes.cancelAtPeriodEnd ? currentPeriodEnd(subscription) : null;
    subscription.canceled_at = changes.cancelAtPeriodEnd ? ctx.now : null;
    const details = subscription.cancellation_details ?? { comment: null, feedback: null, feedback_option: null, reason: null };
    details.reason = changes.cancelAtPeriodEnd ? "cancellation_requested" : null;
    subscription.cancellation_details = details;
  }
  if (changes.cancelAt !== undefined) {
    // A scheduled end is not a period-end cancellation: cancel_at_period_end stays false.
    const at = changes.cancelAt === "period_end" ? currentPeriodEnd(subscription) : changes.cancelAt;
    if (at !== subscription.cancel_at || subscription.cancel_at_period_end) {
      subscription.cancel_at = at;
      subscription.cancel_at_period_end = false;
      subscription.canceled_at = at === null ? null : ctx.now;
      const details = subscription.cancellation_details ?? { comment: null, feedback: null, feedback_option: null, reason: null };
      details.reason = at === null ? null : "cancellation_requested";
      subscription.cancellation_details = details;
    }
  }
  if (changes.pauseCollection !== undefined) {
    // Stripe keeps the status `active` while collection is paused (pause_collection is not `paused`).
    subscription.pause_collection = changes.pauseCollection
      ? { behavior: changes.pauseCollection.behavior, resumes_at: changes.pauseCollection.resumesAt }
      : null;
  }
  const previous = previousAttributes(before, subscription);
  if (Object.keys(previous).length > 0) ctx.emit("customer.subscription.updated", subscription, previous);
  return subscription;
}

/** `DELETE /v1/subscriptions/:id`: ends it now. Emits customer.subscription.deleted. */
export function cancelSubscription(
  ctx: OperationContext,
  subscription: WireSubscription,
  details: { comment?: string | null; feedback?: string | null } = {},
): WireSubscription {
  if (subscription.status === "canceled") {
    throw invalidRequest(`No such subscription: '${subscription.id}'`, "subscription", "resource_missing");
  }
  const before = cloneJson(subscription);
  subscription.status = "canceled";
  subscription.canceled_at = ctx.now;
  subscription.ended_at = ctx.now;
  subscription.cancellation_details = {
    comment: details.comment ?? subscription.cancellation_details?.comment ?? null,
    feedback: details.feedback ?? subscription.cancellation_details?.feedback ?? null,
    feedback_option: null,
    reason: "cancellation_requested",
  };
  ctx.emit("customer.subscription.deleted", subscription, previousAttributes(before, subscription));
  return subscription;
}
