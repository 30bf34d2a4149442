import "server-only";
import type Stripe from "stripe";
import { decodeGiftMetadata } from "../../gift-metadata";
import { acknowledge, NOTHING_CHANGED, type EventHandler } from "../event-outcome";
import { donorFromExpandedCustomer, unixSeconds } from "../stripe-objects";
import { syncRecurringGift } from "../sync-recurring-gift";

/**
 * customer.subscription.created / updated / deleted: keeps the recurring gift's status,
 * amount and period current (a cancellation, an amount changed on the donor's giving page, a
 * card that keeps failing). The subscription is read from Stripe now, so events handled out
 * of order still leave the newest state. Its figures (MRR, active monthly donors, ending gifts)
 * change with it, so the campaign's cache tag is expired.
 */
export const handleSubscriptionChanged: EventHandler = async (ctx) => {
  const subscriptionId = (ctx.event.data.object as Stripe.Subscription).id;
  // The customer comes expanded in the same read: one request to Stripe, one moment's state.
  const subscription = await ctx.stripe.subscriptions.retrieve(subscriptionId, { expand: ["customer"] });
  const observedAt = unixSeconds();
  const gift = decodeGiftMetadata(subscription.metadata);
  if (!gift) return acknowledge(ctx);
  const donor = await donorFromExpandedCustomer(ctx.stripe, subscription.customer);
  const committed = await ctx.commit((tx) => syncRecurringGift(tx, { subscription, gift, donor, observedAt }));
  if (committed === null) return { status: "duplicate", ...NOTHING_CHANGED };
  // MRR, active monthly donors and ending gifts may have moved: the campaign's cached figures expire.
  return { status: "processed", campaignIds: committed.value ? [committed.value.campaignId] : [], emailKeys: [] };
};
