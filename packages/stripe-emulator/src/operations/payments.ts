import type { OperationContext } from "../context";
import { chargeBalanceTransaction } from "../objects/balance-transaction";
import { buildCharge } from "../objects/charge";
import { buildPaymentIntent } from "../objects/payment-intent";
import { buildPaymentMethod, type BillingDetailsInput, type TestCard } from "../objects/payment-method";
import type { WireCharge, WirePaymentIntent, WirePaymentMethod } from "../wire";

export interface CardPaymentInput {
  amount: number;
  currency: string;
  customer: string | null;
  description: string | null;
  metadata: Record<string, string>;
  receiptEmail: string | null;
  setupFutureUsage: "off_session" | "on_session" | null;
  paymentMethod: WirePaymentMethod;
}

export interface CardPayment {
  paymentIntent: WirePaymentIntent;
  charge: WireCharge;
}

/** Saves the card a customer typed as a PaymentMethod (attached to the customer, if any). */
export function createCardPaymentMethod(
  ctx: OperationContext,
  input: { card: TestCard; billing: BillingDetailsInput; customer: string | null },
): WirePaymentMethod {
  const paymentMethod = buildPaymentMethod({ created: ctx.now, ...input });
  ctx.state.paymentMethods[paymentMethod.id] = paymentMethod;
  return paymentMethod;
}

function cardOf(paymentMethod: WirePaymentMethod): TestCard {
  const card = paymentMethod.card;
  if (!card) throw new Error(`payment method ${paymentMethod.id} is not a card`);
  return {
    brand: card.brand,
    last4: card.last4,
    expMonth: card.exp_month,
    expYear: card.exp_year,
    fingerprint: card.fingerprint ?? "",
    funding: card.funding,
    country: card.country ?? "US",
  };
}

function billingOf(paymentMethod: WirePaymentMethod): BillingDetailsInput {
  return { email: paymentMethod.billing_details.email, name: paymentMethod.billing_details.name };
}

/** A PaymentIntent confirmed with a card that succeeds: status `succeeded` with one Charge. */
export function payWithCard(ctx: OperationContext, input: CardPaymentInput): CardPayment {
  const paymentIntent = buildPaymentIntent({ created: ctx.now, ...input, paymentMethod: input.paymentMethod.id });
  const charge = succeedAttempt(ctx, paymentIntent, input.paymentMethod);
  ctx.state.paymentIntents[paymentIntent.id] = paymentIntent;
  return { paymentIntent, charge };
}

/** The Charge for one attempt on an existing PaymentIntent, stored; `failure` makes it a declined one. */
function recordAttemptCharge(
  ctx: OperationContext,
  paymentIntent: WirePaymentIntent,
  paymentMethod: WirePaymentMethod,
  failure?: { code: string; declineCode: string; message: string },
): WireCharge {
  const charge = buildCharge({
    created: ctx.now,
    amount: paymentIntent.amount,
    currency: paymentIntent.currency,
    customer: typeof paymentIntent.customer === "string" ? paymentIntent.customer : null,
    description: paymentIntent.description,
    metadata: { ...paymentIntent.metadata },
    paymentIntent: paymentIntent.id,
    paymentMethod: paymentMethod.id,
    card: cardOf(paymentMethod),
    billing: billingOf(paymentMethod),
    receiptEmail: paymentIntent.receipt_email,
    origin: ctx.origin,
    ...(failure ? { failure } : {}),
  });
  // A successful charge moves money at once, with Stripe's fee (failed attempts have none).
  if (!failure) chargeBalanceTransaction(ctx, charge);
  ctx.state.charges[charge.id] = charge;
  return charge;
}

/** Charges an existing PaymentIntent again (a retried invoice) and marks it succeeded. */
export function succeedAttempt(ctx: OperationContext, paymentIntent: WirePaymentIntent, paymentMethod: WirePaymentMethod): WireCharge {
  const charge = recordAttemptCharge(ctx, paymentIntent, paymentMethod);
  Object.assign(paymentIntent, {
    status: "succeeded",
    amount_received: paymentIntent.amount,
    latest_charge: charge.id,
    payment_method: paymentMethod.id,
    last_payment_error: null,
  } satisfies Partial<WirePaymentIntent>);
  return charge;
}

/** A declined attempt: a failed Charge, and the PaymentIntent back to `requires_payment_method`. */
export function failAttempt(
  ctx: OperationContext,
  paymentIntent: WirePaymentIntent,
  paymentMethod: WirePaymentMethod,
  decline: { code: string; declineCode: string; message: string },
): WireCharge {
  const charge = recordAttemptCharge(ctx, paymentIntent, paymentMethod, decline);
  Object.assign(paymentIntent, {
    status: "requires_payment_method",
    latest_charge: charge.id,
    // Stripe detaches the failed method from the intent and reports why it failed.
    payment_method: null,
    last_payment_error: {
      charge: charge.id,
      code: decline.code,
      decline_code: decline.declineCode,
      doc_url: `https://docs.stripe.com/error-codes/${decline.code.replace(/_/g, "-")}`,
      message: decline.message,
      payment_method: ctx.state.paymentMethods[paymentMethod.id] ?? paymentMethod,
      type: "card_error",
    },
  } satisfies Partial<WirePaymentIntent>);
  return charge;
}

/** A PaymentIntent for an invoice that has not been attempted yet. */
export function openPaymentIntent(ctx: OperationContext, input: Omit<CardPaymentInput, "paymentMethod"> & { paymentMethod: string | null }): WirePaymentIntent {
  const paymentIntent = buildPaymentIntent({ created: ctx.now, ...input });
  ctx.state.paymentIntents[paymentIntent.id] = paymentIntent;
  return paymentIntent;
}
