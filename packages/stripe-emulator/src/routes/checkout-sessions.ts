import type Stripe from "stripe";
import { invalidRequest, missingParam } from "../errors";
import type { FormValue } from "../form-encoding";
import { mustFind } from "../lookup";
import { isStripeCurrency, STRIPE_CURRENCIES } from "../money";
import { createCheckoutSession, expireIfDue, expireSession, type LineItemInput } from "../operations/checkout";
import {
  applyMetadata,
  list,
  metadataParam,
  optionalBoolean,
  optionalEnum,
  optionalInteger,
  optionalList,
  optionalObject,
  optionalString,
  requiredString,
  paramsOf,
  stringList,
} from "../params";
import { createdFilter, paginate } from "../pagination";
import type { Interval } from "../time";
import { EXPAND, PAGINATION, expanded, newestFirst, redirectUrl, type ApiRequest, type Route } from "./route";

const PRODUCT_DATA = {
  name: "scalar",
  description: "scalar",
  metadata: "map",
  images: list("scalar"),
  tax_code: "scalar",
  unit_label: "scalar",
} as const;
export const RECURRING = { interval: "scalar", interval_count: "scalar" } as const;
const PRICE_DATA = {
  currency: "scalar",
  unit_amount: "scalar",
  unit_amount_decimal: "scalar",
  product: "scalar",
  product_data: PRODUCT_DATA,
  recurring: RECURRING,
  tax_behavior: "scalar",
} as const;

const CREATE_PARAMS = paramsOf<Stripe.Checkout.SessionCreateParams>()({
  ...EXPAND,
  mode: "scalar",
  line_items: list({ price: "scalar", price_data: PRICE_DATA, quantity: "scalar" }),
  customer: "scalar",
  customer_email: "scalar",
  customer_creation: "scalar",
  submit_type: "scalar",
  custom_text: { submit: { message: "scalar" }, after_submit: { message: "scalar" } },
  metadata: "map",
  payment_intent_data: {
    description: "scalar",
    metadata: "map",
    receipt_email: "scalar",
    setup_future_usage: "scalar",
    statement_descriptor: "scalar",
    statement_descriptor_suffix: "scalar",
  },
  subscription_data: { description: "scalar", metadata: "map" },
  success_url: "scalar",
  cancel_url: "scalar",
  client_reference_id: "scalar",
  locale: "scalar",
  billing_address_collection: "scalar",
  allow_promotion_codes: "scalar",
  phone_number_collection: { enabled: "scalar" },
  expires_at: "scalar",
  ui_mode: "scalar",
});

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function optionalEmail(source: Record<string, FormValue> | undefined, key: string, path = key): string | null | undefined {
  const value = optionalString(source, key, path, 512);
  if (value && !EMAIL.test(value)) throw invalidRequest(`Invalid email address: ${value}`, path, "email_invalid");
  return value;
}

export function currencyParam(source: Record<string, FormValue> | undefined, path: string): string {
  const currency = requiredString(source, "currency", `${path}[currency]`).toLowerCase();
  if (!isStripeCurrency(currency)) {
    throw invalidRequest(
      `Invalid currency: ${currency}. Stripe currently supports these currencies: ${[...STRIPE_CURRENCIES].join(", ")}`,
      `${path}[currency]`,
    );
  }
  return currency;
}

export function unitAmountParam(source: Record<string, FormValue> | undefined, path: string): number {
  const unitAmount = optionalInteger(source, "unit_amount", `${path}[unit_amount]`, { min: 0, max: 99_999_999 });
  if (unitAmount !== undefined) return unitAmount;
  const decimal = optionalString(source, "unit_amount_decimal", `${path}[unit_amount_decimal]`);
  if (decimal != null) {
    if (!/^\d+$/.test(decimal)) {
      throw invalidRequest(`The Stripe emulator supports only whole minor units in unit_amount_decimal.`, `${path}[unit_amount_decimal]`);
    }
    return Number(decimal);
  }
  throw missingParam(`${path}[unit_amount]`);
}

const MAX_INTERVAL_COUNT = { day: 1095, week: 156, month: 36, year: 3 } as const;

export function recurringParam(source: Record<string, FormValue> | undefined, path: string): { interval: Interval; intervalCount: number } | null {
  const recurring = optionalObject(source, "recurring", `${path}[recurring]`);
  if (!recurring) return null;
  const interval = optionalEnum(recurring, "interval", ["day", "week", "month", "year"] as const, `${path}[recurring][interval]`);
  if (!interval) throw missingParam(`${path}[recurring][interval]`);
  const intervalCount = optionalInteger(recurring, "interval_count", `${path}[recurring][interval_count]`, { min: 1 }) ?? 1;
  // Stripe bills at most every three years (3 years, 36 months, 156 weeks or 1095 days).
  if (intervalCount > MAX_INTERVAL_COUNT[interval]) {
    throw invalidRequest(
      `Invalid ${path}[recurring][interval_count]: the maximum interval allowed is three years (3 years, 36 months, 156 weeks or 1095 days).`,
      `${path}[recurring][interval_count]`,
    );
  }
  return { interval, intervalCount };
}

function lineItems(request: ApiRequest): LineItemInput[] {
  const items = optionalList(request.params, "line_items") ?? [];
  return items.map((item, index): LineItemInput => {
    const path = `line_items[${index}]`;
    const quantity = optionalInteger(item, "quantity", `${path}[quantity]`, { min: 0, max: 999_999 });
    if (quantity === undefined) throw missingParam(`${path}[quantity]`);
    if (quantity < 1) throw invalidRequest(`Quantity must be greater than 0.`, `${path}[quantity]`);
    const price = optionalString(item, "price", `${path}[price]`);
    const priceData = optionalObject(item, "price_data", `${path}[price_data]`);
    if (price && priceData) throw invalidRequest(`You may only specify one of these parameters: price, price_data.`, `${path}[price]`);
    if (price) return { kind: "price", price, quantity, path };
    if (!priceData) throw invalidRequest(`You must specify either \`price\` or \`price_data\` in \`${path}\`.`, path, "parameter_missing");
    const dataPath = `${path}[price_data]`;
    const product = optionalString(priceData, "product", `${dataPath}[product]`);
    const productData = optionalObject(priceData, "product_data", `${dataPath}[product_data]`);
    if (product && productData) throw invalidRequest(`You may only specify one of these parameters: product, product_data.`, `${dataPath}[product]`);
    if (!product && !productData) throw missingParam(`${dataPath}[product_data]`);
    const taxBehavior = optionalEnum(priceData, "tax_behavior", ["exclusive", "inclusive", "unspecified"] as const, `${dataPath}[tax_behavior]`);
    return {
      kind: "price_data",
      quantity,
      path,
      currency: currencyParam(priceData, dataPath),
      unitAmount: unitAmountParam(priceData, dataPath),
      product: product ?? {
        name: requiredString(productData, "name", `${dataPath}[product_data][name]`, 250),
        description: optionalString(productData, "description", `${dataPath}[product_data][description]`, 40_000) ?? null,
        metadata: applyMetadata({}, metadataParam(productData, "metadata", `${dataPath}[product_data][metadata]`)),
        images: stringList(productData, "images", `${dataPath}[product_data][images]`),
      },
      recurring: recurringParam(priceData, dataPath),
      ...(taxBehavior ? { taxBehavior } : {}),
    };
  });
}

/** `custom_text[submit|after_submit][message]`: up to 1,200 characters each, as Stripe allows; an empty value unsets it. */
function customTextParam(params: Record<string, FormValue> | undefined): { submit: string | null; afterSubmit: string | null } {
  const customText = optionalObject(params, "custom_text");
  const message = (key: "submit" | "after_submit") => {
    const entry = optionalObject(customText, key, `custom_text[${key}]`);
    if (!entry) return null;
    return requiredString(entry, "message", `custom_text[${key}][message]`, 1200);
  };
  return { submit: message("submit"), afterSubmit: message("after_submit") };
}

function create(request: ApiRequest) {
  const { params } = request;
  const mode = optionalEnum(params, "mode", ["payment", "setup", "subscription"] as const);
  if (!mode) throw missingParam("mode");
  if (mode === "setup") throw invalidRequest(`The Stripe emulator does not support \`setup\` mode.`, "mode");
  const customer = optionalString(params, "customer") ?? null;
  const customerEmail = optionalEmail(params, "customer_email") ?? null;
  if (customer && customerEmail) throw invalidRequest(`You may only specify one of these parameters: customer, customer_email.`, "customer_email");
  const customerCreation = optionalEnum(params, "customer_creation", ["always", "if_required"] as const) ?? null;
  if (customerCreation && mode === "subscription") {
    throw invalidRequest(`\`customer_creation\` can only be used in \`payment\` and \`setup\` mode.`, "customer_creation");
  }
  if (params.payment_intent_data !== undefined && mode !== "payment") {
    throw invalidRequest(`You can not pass \`payment_intent_data\` in \`${mode}\` mode.`, "payment_intent_data");
  }
  if (params.subscription_data !== undefined && mode !== "subscription") {
    throw invalidRequest(`You can not pass \`subscription_data\` in \`${mode}\` mode.`, "subscription_data");
  }
  const methods = stringList(params, "payment_method_types");
  if (methods.some((method) => method !== "card")) {
    throw invalidRequest(`The Stripe emulator accepts only \`card\` in payment_method_types.`, "payment_method_types");
  }
  const uiMode = optionalString(params, "ui_mode");
  if (uiMode && uiMode !== "hosted_page") throw invalidRequest(`The Stripe emulator supports only \`ui_mode: hosted_page\`.`, "ui_mode");
  const paymentIntentData = optionalObject(params, "payment_intent_data");
  const subscriptionData = optionalObject(params, "subscription_data");
  const phone = optionalObject(params, "phone_number_collection");
  const session = createCheckoutSession(request.context(), {
    mode,
    lineItems: lineItems(request),
    customer,
    customerEmail,
    customerCreation,
    submitType: optionalEnum(params, "submit_type", ["auto", "book", "donate", "pay", "subscribe"] as const) ?? null,
    customText: customTextParam(params),
    metadata: applyMetadata({}, metadataParam(params)),
    successUrl: redirectUrl(request, "success_url"),
    cancelUrl: redirectUrl(request, "cancel_url"),
    clientReferenceId: optionalString(params, "client_reference_id", "client_reference_id", 200) ?? null,
    locale: (optionalString(params, "locale") ?? null) as Stripe.Checkout.Session.Locale | null,
    billingAddressCollection: optionalEnum(params, "billing_address_collection", ["auto", "required"] as const) ?? null,
    allowPromotionCodes: optionalBoolean(params, "allow_promotion_codes") ?? null,
    phoneNumberCollection: optionalBoolean(phone, "enabled", "phone_number_collection[enabled]") ?? false,
    expiresAt: optionalInteger(params, "expires_at") ?? null,
    paymentIntentData: {
      description: optionalString(paymentIntentData, "description", "payment_intent_data[description]", 1000) ?? null,
      metadata: applyMetadata({}, metadataParam(paymentIntentData, "metadata", "payment_intent_data[metadata]")),
      receiptEmail: optionalEmail(paymentIntentData, "receipt_email", "payment_intent_data[receipt_email]") ?? null,
      setupFutureUsage:
        optionalEnum(paymentIntentData, "setup_future_usage", ["off_session", "on_session"] as const, "payment_intent_data[setup_future_usage]") ?? null,
    },
    subscriptionData: {
      description: optionalString(subscriptionData, "description", "subscription_data[description]", 500) ?? null,
      metadata: applyMetadata({}, metadataParam(subscriptionData, "metadata", "subscription_data[metadata]")),
    },
  });
  return expanded(request, session);
}

export const checkoutSessionRoutes: Route[] = [
  { method: "POST", pattern: "/v1/checkout/sessions", params: CREATE_PARAMS, handle: create },
  {
    method: "GET",
    pattern: "/v1/checkout/sessions/:id",
    params: paramsOf<Stripe.Checkout.SessionRetrieveParams>()({ ...EXPAND }),
    handle(request) {
      const session = mustFind(request.state, "checkoutSessions", request.pathParams.id as string);
      if (session.status === "open" && request.now >= session.expires_at) expireIfDue(request.context(), session);
      return expanded(request, session);
    },
  },
  {
    method: "GET",
    pattern: "/v1/checkout/sessions",
    params: paramsOf<Stripe.Checkout.SessionListParams>()({
      ...EXPAND,
      ...PAGINATION,
      created: "range",
      customer: "scalar",
      customer_details: { email: "scalar" },
      payment_intent: "scalar",
      payment_link: "scalar",
      status: "scalar",
      subscription: "scalar",
    }),
    handle(request) {
      const { params } = request;
      const customer = optionalString(params, "customer");
      const email = optionalString(optionalObject(params, "customer_details"), "email", "customer_details[email]");
      const paymentIntent = optionalString(params, "payment_intent");
      const status = optionalEnum(params, "status", ["complete", "expired", "open"] as const);
      const subscription = optionalString(params, "subscription");
      const inRange = createdFilter(params);
      const sessions = newestFirst(request.state.checkoutSessions).filter(
        (session) =>
          inRange(session.created) &&
          (customer == null || session.customer === customer) &&
          (email == null || session.customer_details?.email === email) &&
          (paymentIntent == null || session.payment_intent === paymentIntent) &&
          (status == null || session.status === status) &&
          (subscription == null || session.subscription === subscription),
      );
      return expanded(request, paginate(sessions, params, "/v1/checkout/sessions", "checkout.session"));
    },
  },
  {
    method: "GET",
    pattern: "/v1/checkout/sessions/:id/line_items",
    params: paramsOf<Stripe.Checkout.SessionListLineItemsParams>()({ ...EXPAND, ...PAGINATION }),
    handle(request) {
      const id = request.pathParams.id as string;
      mustFind(request.state, "checkoutSessions", id);
      // Line items are listed in the order they were given, not newest first.
      const items = request.state.checkoutSessionData[id]?.lineItems ?? [];
      return expanded(request, paginate(items, request.params, `/v1/checkout/sessions/${id}/line_items`, "line item"));
    },
  },
  {
    method: "POST",
    pattern: "/v1/checkout/sessions/:id/expire",
    params: paramsOf<Stripe.Checkout.SessionExpireParams>()({ ...EXPAND }),
    handle(request) {
      const session = mustFind(request.state, "checkoutSessions", request.pathParams.id as string);
      return expanded(request, expireSession(request.context(), session));
    },
  },
];
