import type Stripe from "stripe";
import type { OperationContext } from "../context";
import { invalidRequest } from "../errors";
import { mustFind } from "../lookup";
import { MAXIMUM_AMOUNT, formatAmount, minimumChargeAmount } from "../money";
import { buildCheckoutLineItem, buildCheckoutSession } from "../objects/checkout-session";
import { buildPrice, buildProduct } from "../objects/product";
import type { TestCard } from "../objects/payment-method";
import type { CheckoutSessionData } from "../state";
import type { Interval } from "../time";
import { idOf, type WireCheckoutSession, type WireCustomer, type WirePrice } from "../wire";
import { createCustomer } from "./customers";
import { createCardPaymentMethod, payWithCard } from "./payments";
import { createBankPaymentMethod, startBankDebit } from "./bank-debits";
import type { TestBankAccount } from "../bank-accounts";
import { startSubscription } from "./subscriptions";

export type LineItemInput =
  | { kind: "price"; price: string; quantity: number; path: string }
  | {
      kind: "price_data";
      quantity: number;
      path: string;
      currency: string;
      unitAmount: number;
      product: string | { name: string; description: string | null; metadata: Record<string, string>; images: string[] };
      recurring: { interval: Interval; intervalCount: number } | null;
      taxBehavior?: "exclusive" | "inclusive" | "unspecified";
    };

export interface CreateCheckoutInput {
  mode: "payment" | "subscription";
  lineItems: LineItemInput[];
  customer: string | null;
  customerEmail: string | null;
  customerCreation: "always" | "if_required" | null;
  submitType: Stripe.Checkout.Session.SubmitType | null;
  customText: { submit: string | null; afterSubmit: string | null };
  metadata: Record<string, string>;
  successUrl: string | null;
  cancelUrl: string | null;
  clientReferenceId: string | null;
  locale: Stripe.Checkout.Session.Locale | null;
  billingAddressCollection: "auto" | "required" | null;
  allowPromotionCodes: boolean | null;
  phoneNumberCollection: boolean;
  expiresAt: number | null;
  paymentIntentData: CheckoutSessionData["paymentIntentData"];
  subscriptionData: CheckoutSessionData["subscriptionData"];
}

const DAY = 86_400;

/** `POST /v1/checkout/sessions`. Validates like Stripe, then creates the prices it needs and the session. */
export function createCheckoutSession(ctx: OperationContext, input: CreateCheckoutInput): WireCheckoutSession {
  if (input.customer) mustFind(ctx.state, "customers", input.customer, "customer");
  if (input.lineItems.length === 0) {
    throw invalidRequest(`\`line_items\` is required in \`${input.mode}\` mode.`, "line_items", "parameter_missing");
  }
  // Resolve existing prices and check every line before anything is created.
  const checked = input.lineItems.map((line) => {
    if (line.kind === "price") {
      const price = mustFind(ctx.state, "prices", line.price, `${line.path}[price]`);
      if (!price.active) throw invalidRequest(`The price specified is inactive. This field only accepts active prices.`, `${line.path}[price]`);
      return { line, currency: price.currency, unitAmount: price.unit_amount ?? 0, recurring: price.recurring !== null, price };
    }
    if (typeof line.product === "string") mustFind(ctx.state, "products", line.product, `${line.path}[price_data][product]`);
    return { line, currency: line.currency, unitAmount: line.unitAmount, recurring: line.recurring !== null, price: null };
  });
  const currency = checked[0]?.currency ?? "usd";
  checked.forEach(({ line, currency: lineCurrency, recurring }) => {
    if (lineCurrency !== currency) {
      throw invalidRequest(`All line items must use the same currency; got \`${lineCurrency}\` and \`${currency}\`.`, line.path);
    }
    if (input.mode === "payment" && recurring) {
      throw invalidRequest(
        `You specified \`payment\` mode but passed a recurring price. Either switch to \`subscription\` mode or use only one-time prices.`,
        line.path,
      );
    }
  });
  if (input.mode === "subscription" && checked.some(({ recurring }) => !recurring)) {
    // Stripe would add one-time items to the first invoice; Lantern never does, so the emulator refuses.
    throw invalidRequest(
      `The Stripe emulator does not support one-time prices in \`subscription\` mode (Stripe adds them to the first invoice).`,
      "line_items",
    );
  }
  if (input.mode === "subscription" && !checked.some(({ recurring }) => recurring)) {
    throw invalidRequest(`You must provide at least one recurring price in \`subscription\` mode when using prices.`, "line_items");
  }
  const total = checked.reduce((sum, { line, unitAmount }) => sum + unitAmount * line.quantity, 0);
  const minimum = minimumChargeAmount(currency);
  if (minimum !== null && total < minimum) {
    throw invalidRequest(
      `The Checkout Session's total amount due must add up to at least ${formatAmount(minimum, currency)} ${currency}`,
      "line_items",
      "amount_too_small",
    );
  }
  if (total > MAXIMUM_AMOUNT) {
    throw invalidRequest(
      `The Checkout Session's total amount due must be no more than ${formatAmount(MAXIMUM_AMOUNT, currency)} ${currency}`,
      "line_items",
      "amount_too_large",
    );
  }
  if (input.expiresAt !== null && (input.expiresAt < ctx.now + 30 * 60 || input.expiresAt > ctx.now + DAY)) {
    throw invalidRequest(`The \`expires_at\` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.`, "expires_at");
  }

  const lineItems = checked.map(({ line, price: existing }) => {
    let price: WirePrice;
    let description: string;
    if (existing) {
      price = existing;
      description = ctx.state.products[String(idOf(existing.product))]?.name ?? "";
    } else if (line.kind === "price_data") {
      let productId: string;
      if (typeof line.product === "string") {
        productId = line.product;
        description = ctx.state.products[productId]?.name ?? "";
      } else {
        const product = buildProduct({ created: ctx.now, ...line.product });
        ctx.state.products[product.id] = product;
        productId = product.id;
        description = product.name;
      }
      price = buildPrice({
        created: ctx.now,
        currency: line.currency,
        unitAmount: line.unitAmount,
        product: productId,
        recurring: line.recurring,
        taxBehavior: line.taxBehavior,
      });
      ctx.state.prices[price.id] = price;
    } else {
      throw new Error("unreachable");
    }
    return buildCheckoutLineItem({ price, quantity: line.quantity, description });
  });

  const session = buildCheckoutSession({
    created: ctx.now,
    expiresAt: input.expiresAt ?? ctx.now + DAY,
    mode: input.mode,
    currency,
    amountSubtotal: total,
    amountTotal: total,
    customer: input.customer,
    customerEmail: input.customerEmail,
    customerCreation: input.mode === "payment" ? (input.customerCreation ?? "if_required") : null,
    submitType: input.submitType,
    customText: input.customText,
    metadata: input.metadata,
    successUrl: input.successUrl,
    cancelUrl: input.cancelUrl,
    clientReferenceId: input.clientReferenceId,
    locale: input.locale,
    billingAddressCollection: input.billingAddressCollection,
    allowPromotionCodes: input.allowPromotionCodes,
    phoneNumberCollection: input.phoneNumberCollection,
    origin: ctx.origin,
  });
  ctx.state.checkoutSessions[session.id] = session;
  ctx.state.checkoutSessionData[session.id] = {
    lineItems,
    paymentIntentData: input.paymentIntentData,
    subscriptionData: input.subscriptionData,
  };
  return session;
}

/** Stripe expires open sessions at `expires_at` (and sends checkout.session.expired). */
export function expireIfDue(ctx: OperationContext, session: WireCheckoutSession): void {
  if (session.status === "open" && ctx.now >= session.expires_at) expireSession(ctx, session);
}

export function expireSession(ctx: OperationContext, session: WireCheckoutSession): WireCheckoutSession {
  if (session.status !== "open") {
    throw invalidRequest(
      `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`,
      undefined,
      "checkout_session_not_open",
    );
  }
  session.status = "expired";
  session.url = null;
  ctx.emit("checkout.session.expired", session);
  return session;
}

export type Payer = { email: string; name: string | null } & ({ card: TestCard; bankAccount?: undefined } | { card?: undefined; bankAccount: TestBankAccount });

/**
 * The customer paid on the hosted page with a card that succeeds. Payment mode: PaymentIntent +
 * Charge (events customer.created if one is created, payment_intent.succeeded, charge.succeeded);
 * subscription mode: Customer, Subscription, first Invoice and its payment (see startSubscription).
 * Then checkout.session.completed.
 *
 * Customers follow Stripe's rules, not a lookup by email: an existing `customer` is used;
 * otherwise subscription mode always creates one and payment mode creates one only with
 * `customer_creation: "always"` (else the payment belongs to a guest, `customer: null`).
 */
export function completeCheckoutSession(ctx: OperationContext, session: WireCheckoutSession, payer: Payer): WireCheckoutSession {
  if (session.status !== "open") throw invalidRequest(`This Checkout Session is no longer active.`, undefined, "checkout_session_not_open");
  const data = ctx.state.checkoutSessionData[session.id];
  if (!data) throw new Error(`checkout session ${session.id} has no line items`);
  const existingId = idOf(session.customer);
  let customer: WireCustomer | null = existingId ? mustFind(ctx.state, "customers", existingId) : null;
  const createsCustomer = !customer && (session.mode === "subscription" || session.customer_creation === "always");
  if (createsCustomer) customer = createCustomer(ctx, { email: payer.email, name: payer.name });
  const billing = { email: payer.email, name: payer.name };
  // A subscription saves the bank account on its customer for the renewals (with the mandate Checkout collects).
  const paymentMethod = payer.bankAccount
    ? createBankPaymentMethod(ctx, { account: payer.bankAccount, billing, customer: session.mode === "subscription" && customer ? customer.id : null })
    : createCardPaymentMethod(ctx, { card: payer.card, billing, customer: session.mode === "subscription" && customer ? customer.id : null });
  let paymentStatus: "paid" | "unpaid" = "paid";

  if (session.mode === "payment") {
    const payment = {
      amount: session.amount_total ?? 0,
      currency: session.currency ?? "usd",
      customer: customer?.id ?? null,
      description: data.paymentIntentData.description,
      metadata: { ...data.paymentIntentData.metadata },
      receiptEmail: data.paymentIntentData.receiptEmail,
      setupFutureUsage: data.paymentIntentData.setupFutureUsage,
      paymentMethod,
    };
    if (payer.bankAccount) {
      // A bank debit: the session completes unpaid; async_payment_succeeded/failed follow when it settles.
      const { paymentIntent } = startBankDebit(ctx, { ...payment, account: payer.bankAccount, checkoutSession: session.id });
      session.payment_intent = paymentIntent.id;
      session.payment_method_types = ["card", payer.bankAccount.method];
      paymentStatus = "unpaid";
    } else {
      const { paymentIntent, charge } = payWithCard(ctx, payment);
      session.payment_intent = paymentIntent.id;
      ctx.emit("payment_intent.succeeded", paymentIntent);
      ctx.emit("charge.succeeded", charge);
    }
  } else {
    if (!customer) throw new Error("subscription checkout without a customer");
    const { subscription, invoice } = startSubscription(ctx, {
      customer,
      items: data.lineItems.filter((line) => line.price?.recurring).map((line) => ({ price: line.price as WirePrice, quantity: line.quantity ?? 1 })),
      description: data.subscriptionData.description,
      metadata: { ...data.subscriptionData.metadata },
      paymentMethod,
      checkoutSession: session.id,
    });
    session.subscription = subscription.id;
    session.invoice = invoice.id;
    if (payer.bankAccount) {
      // The first invoice's debit is processing: the session completes unpaid, like a one-off debit.
      session.payment_method_types = ["card", payer.bankAccount.method];
      paymentStatus = "unpaid";
    }
  }
  Object.assign(session, {
    status: "complete",
    payment_status: paymentStatus,
    customer: customer?.id ?? null,
    customer_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      business_name: null,
      email: payer.email,
      individual_name: null,
      name: payer.name,
      phone: null,
      tax_exempt: "none",
      tax_ids: [],
    },
    collected_information: { business_name: null, individual_name: null, shipping_details: null },
    url: null,
  } satisfies Partial<WireCheckoutSession>);
  ctx.emit("checkout.session.completed", session);
  return session;
}

/** Where the browser goes after paying: `success_url` with `{CHECKOUT_SESSION_ID}` filled in. */
export function successRedirect(session: WireCheckoutSession): string | null {
  return session.success_url ? session.success_url.replaceAll("{CHECKOUT_SESSION_ID}", session.id) : null;
}
