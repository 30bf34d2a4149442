import "server-only";
import type Stripe from "stripe";
import { campaignForPaidGift } from "@/lib/donations/gift-campaign";
import { isBankDebit, markGiftInFlightFailed } from "@/lib/donations/gifts-in-flight";
import { logger } from "@/lib/observability/logger";
import { decodeGiftMetadata } from "../../gift-metadata";
import { acknowledge, NOTHING_CHANGED, type EventHandler } from "../event-outcome";
import { forgetErasedPayer } from "@/lib/donations/donors";
import { inFlight, payerOf } from "./checkout-session-paid";

const log = logger("payments");

/**
 * checkout.session.async_payment_failed: a bank debit did not go through. Nothing was counted for
 * it (a gift in flight never is), so there is nothing to undo: the gift in flight becomes failed
 * (written now if this arrived before checkout.session.completed, so that one cannot put it back
 * in flight) and the donor gets one kind email with a link to try again.
 * The session is read from Stripe again, like every handler.
 */
export const handleCheckoutSessionPaymentFailed: EventHandler = async (ctx) => {
  const sessionId = (ctx.event.data.object as Stripe.Checkout.Session).id;
  const session = await ctx.stripe.checkout.sessions.retrieve(sessionId, { expand: ["payment_intent.latest_charge"] });
  const gift = decodeGiftMetadata(session.metadata);
  // A monthly gift's first bank debit: invoice.payment_failed tells the donor and settles its instalment.
  if (session.mode === "subscription") return acknowledge(ctx);
  const intent = typeof session.payment_intent === "object" ? session.payment_intent : null;
  const charge = intent && typeof intent.latest_charge === "object" ? intent.latest_charge : null;
  const method = charge?.payment_method_details?.type;
  if (
    !gift ||
    session.mode !== "payment" ||
    session.amount_total === null ||
    !session.currency ||
    !isBankDebit(method) ||
    intent?.status !== "requires_payment_method"
  ) {
    log.warn({ checkoutSessionId: sessionId }, "delayed payment failed; no gift recorded");
    return acknowledge(ctx);
  }
  const amount = session.amount_total;
  const currency = session.currency.toUpperCase();
  const payer = await forgetErasedPayer(ctx.db, await payerOf(ctx.stripe, session));
  const committed = await ctx.commit(async (tx) => {
    const campaign = await campaignForPaidGift(tx, gift.campaignId);
    return markGiftInFlightFailed(tx, inFlight(session, { campaign, payer, amount, currency, method }));
  });
  if (committed === null) return { status: "duplicate", ...NOTHING_CHANGED };
  log.info({ checkoutSessionId: sessionId, failureCode: charge?.failure_code ?? null }, "bank debit failed; gift not counted, donor told");
  return { status: "processed", ...NOTHING_CHANGED, emailKeys: committed.value ? [committed.value] : [] };
};
