import "server-only";
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { donations } from "@/db/schema";
import type { Database } from "@/db/database";
import { formatMoney, minorUnitDigits, parseAmountToMinor } from "@/lib/money/money";
import { describeStripeError } from "./stripe-client";
import { logger } from "@/lib/observability/logger";

const log = logger("refunds");

/** The reasons Stripe accepts on a refund (`reason`), as staff read them. */
export const REFUND_REASONS = {
  requested_by_customer: "Requested by the donor",
  duplicate: "Duplicate payment",
  fraudulent: "Fraudulent payment",
} as const;
export type RefundReason = keyof typeof REFUND_REASONS;
export const REFUND_REASON_VALUES = Object.keys(REFUND_REASONS) as [RefundReason, ...RefundReason[]];

/** Stripe keeps metadata values up to 500 characters; the note travels there. */
export const REFUND_NOTE_MAX_LENGTH = 500;

export interface GiftRefundRequest {
  giftId: string;
  /** In the gift's minor units, or as staff typed it ("12.50", read in the gift's currency); null refunds whatever is left. */
  amount: number | string | null;
  reason: RefundReason;
  /** Staff's own note, kept on the refund at Stripe (metadata), never shown to the donor. */
  note: string;
  /**
   * Random per form: the same form sent twice (a double click, a retry after a timeout) is
   * the same Stripe request, so it refunds once.
   */
  requestKey: string;
  /** The admin asking, kept on the refund at Stripe. */
  requestedBy: string;
}

export type GiftRefundOutcome = { ok: true; refundId: string; amount: number; currency: string } | { ok: false; field: "amount" | "form"; message: string };

/**
 * The key Stripe remembers the request by: the same form with the same values is one refund;
 * changing the amount, reason or note after a refusal makes a new request (Stripe refuses a
 * key reused with other parameters).
 */
export function refundIdempotencyKey(request: GiftRefundRequest): string {
  const digest = createHash("sha256")
    .update(JSON.stringify([request.giftId, request.requestKey, request.amount, request.reason, request.note]))
    .digest("base64url");
  return `lantern-admin-refund:${digest}`;
}

/** Stripe's refusals that mean "not that amount", shown beside the amount field. */
const AMOUNT_REFUSALS = new Set(["amount_too_large", "charge_already_refunded"]);

/**
 * Asks Stripe to refund all or part of a gift. It records nothing itself: the refund reaches
 * the gift (its refunded amount, the campaign's totals) only through Stripe's `charge.refunded`
 * webhook, like a refund made in Stripe's dashboard. More than what is left is refused before
 * Stripe is asked; what is left is read from Stripe's charge, which already counts refunds
 * requested but not yet recorded here.
 */
export async function requestGiftRefund(db: Database, stripe: Stripe, request: GiftRefundRequest): Promise<GiftRefundOutcome> {
  const [gift] = await db.select().from(donations).where(eq(donations.id, request.giftId));
  if (!gift) return { ok: false, field: "form", message: "This gift does not exist." };
  if (!gift.stripePaymentIntentId && !gift.stripeChargeId) return { ok: false, field: "form", message: "This gift has no Stripe payment to refund." };
  if (gift.disputeStatus) {
    return { ok: false, field: "form", message: "This payment is disputed, so Stripe will not refund it: the dispute decides where the money goes." };
  }
  const money = (amount: number) => formatMoney(amount, gift.currency, { showCents: true });
  const asked = typeof request.amount === "string" ? parseAmountToMinor(request.amount, gift.currency) : request.amount;
  if (typeof request.amount === "string" && asked === null) {
    return { ok: false, field: "amount", message: `Enter an amount like ${minorUnitDigits(gift.currency) === 0 ? "500" : "12.50"}, in ${gift.currency}.` };
  }
  if (asked !== null && asked <= 0) return { ok: false, field: "amount", message: "Enter an amount greater than zero." };

  let charge: Stripe.Charge;
  try {
    charge = await chargeOf(stripe, gift);
  } catch (error) {
    log.error({ giftId: gift.id }, `could not read the gift's charge: ${describeStripeError(error)}`);
    return { ok: false, field: "form", message: "Stripe could not be reached, so nothing was refunded. Try again in a moment." };
  }
  const remaining = Math.min(gift.amount - gift.refundedAmount, charge.amount - charge.amount_refunded);
  if (remaining <= 0) return { ok: false, field: "amount", message: "This gift has already been refunded in full." };
  const amount = asked ?? remaining;
  if (amount <= 0) return { ok: false, field: "amount", message: "Enter an amount greater than zero." };
  if (amount > remaining) {
    const already = gift.amount - remaining;
    return {
      ok: false,
      field: "amount",
      message:
        already > 0
          ? `You can refund at most ${money(remaining)}: ${money(already)} of this ${money(gift.amount)} gift has already been refunded or requested.`
          : `You can refund at most ${money(remaining)}, the whole gift.`,
    };
  }

  try {
    const refund = await stripe.refunds.create(
      {
        ...(gift.stripePaymentIntentId ? { payment_intent: gift.stripePaymentIntentId } : { charge: gift.stripeChargeId! }),
        amount,
        reason: request.reason,
        metadata: { lantern_gift_id: gift.id, requested_by: request.requestedBy, internal_note: request.note },
      },
      { idempotencyKey: refundIdempotencyKey(request) },
    );
    return { ok: true, refundId: refund.id, amount: refund.amount, currency: gift.currency };
  } catch (error) {
    log.error({ giftId: gift.id }, `Stripe refused a refund: ${describeStripeError(error)}`);
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code && AMOUNT_REFUSALS.has(error.code)) {
      return { ok: false, field: "amount", message: `Stripe refused this amount: ${error.message}` };
    }
    if (error instanceof Stripe.errors.StripeInvalidRequestError || error instanceof Stripe.errors.StripeIdempotencyError) {
      return { ok: false, field: "form", message: `Stripe refused the refund: ${error.message}` };
    }
    // A timeout may still have reached Stripe: the same form sent again is the same request.
    return { ok: false, field: "form", message: "Stripe could not be reached. Send the form again: the same request never refunds twice." };
  }
}

async function chargeOf(stripe: Stripe, gift: typeof donations.$inferSelect): Promise<Stripe.Charge> {
  if (gift.stripeChargeId) return stripe.charges.retrieve(gift.stripeChargeId);
  const paymentIntent = await stripe.paymentIntents.retrieve(gift.stripePaymentIntentId!, { expand: ["latest_charge"] });
  const charge = paymentIntent.latest_charge;
  if (!charge || typeof charge === "string") throw new Error(`PaymentIntent ${paymentIntent.id} has no charge`);
  return charge;
}
