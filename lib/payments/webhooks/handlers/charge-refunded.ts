import "server-only";
import type Stripe from "stripe";
import type { EventHandler } from "../event-outcome";
import { syncChargeRefunds } from "../charge-refunds";

/**
 * charge.refunded: a full or partial refund (from the Stripe dashboard or the API). The gift's
 * refunds are read again from Stripe and its refunded amount follows those still standing, so
 * campaign figures are net of refunds (syncChargeRefunds).
 */
export const handleChargeRefunded: EventHandler = async (ctx) => syncChargeRefunds(ctx, (ctx.event.data.object as Stripe.Charge).id);
