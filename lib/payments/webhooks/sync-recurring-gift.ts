import "server-only";
import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { donors, recurringGifts } from "@/db/schema";
import type { Executor } from "@/db/database";
import { findOrCreateDonor, type DonorIdentity } from "@/lib/donations/donors";
import { campaignForPaidGift, type GiftCampaign } from "@/lib/donations/gift-campaign";
import { upsertRecurringGift } from "@/lib/donations/recurring-gifts";
import type { GiftMetadata } from "../gift-metadata";
import { recurringGiftStateOf } from "./stripe-objects";

export interface SyncedRecurringGift {
  id: string;
  campaignId: string;
  /** The gift's campaign as read in this transaction, so a handler recording a payment need not read it again. */
  campaign: GiftCampaign;
}

/**
 * Writes a subscription's current state into its recurring gift, creating the gift (and
 * its donor, from `donor`) when it is new. `donor` may be a donor row already resolved in
 * this transaction. Without a donor (customer deleted at Stripe) only an existing gift is
 * updated; returns null when there is none.
 */
export async function syncRecurringGift(
  tx: Executor,
  input: { subscription: Stripe.Subscription; gift: GiftMetadata; donor: DonorIdentity | { id: string } | null; observedAt: number },
): Promise<SyncedRecurringGift | null> {
  let donorId: string;
  if (input.donor && "id" in input.donor) {
    donorId = input.donor.id;
  } else if (input.donor) {
    donorId = (await findOrCreateDonor(tx, input.donor)).id;
  } else {
    const [existing] = await tx
      .select({ donorId: recurringGifts.donorId })
      .from(recurringGifts)
      .where(eq(recurringGifts.stripeSubscriptionId, input.subscription.id));
    if (!existing) return null;
    donorId = existing.donorId;
  }
  const campaign = await campaignForPaidGift(tx, input.gift.campaignId);
  const state = recurringGiftStateOf(input.subscription, input.gift, campaign.id, input.observedAt);
  // The subscription's metadata still names the dedication: an erased donor's gift never takes it back.
  const [donor] = await tx.select({ erasedAt: donors.erasedAt }).from(donors).where(eq(donors.id, donorId));
  const synced = await upsertRecurringGift(tx, { ...state, ...(donor?.erasedAt ? { dedication: null } : {}), donorId });
  // An existing gift keeps the campaign it was created with, which may not be the one read here.
  return { ...synced, campaign: synced.campaignId === campaign.id ? campaign : await campaignForPaidGift(tx, synced.campaignId) };
}
