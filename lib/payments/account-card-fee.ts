import "server-only";
import { env } from "@/lib/env";
import { cardFeeRateFor, type CardFeeRate } from "./card-fee";

/** The card fee this installation's Stripe account pays (STRIPE_PRICING): what "cover the fee" adds. */
export function accountCardFeeRate(): CardFeeRate {
  return cardFeeRateFor(env().STRIPE_PRICING);
}
