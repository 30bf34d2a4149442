import { z } from "zod";
import type { GiftDetails } from "@/lib/donations/gift-types";

/**
 * What Lantern needs to know about a gift when Stripe reports the payment, carried in Stripe
 * metadata on the Checkout Session and on the PaymentIntent or Subscription it creates.
 * Written when checkout starts, read back by the webhook handlers; anything without
 * `source=lantern` (another product on the same Stripe account) is not ours and is ignored.
 * The fields are the ledger's (lib/donations/gift-types.ts); this module is their wire form.
 */
/** The ledger's gift, plus whether the donor ticked "Email me updates" (acted on by the webhook, not stored with the gift). */
export type GiftMetadata = GiftDetails & { wantsUpdates?: boolean };

const minorUnits = z.string().regex(/^\d{1,12}$/).transform(Number);

const wireSchema = z.object({
  source: z.literal("lantern"),
  campaign_id: z.uuid(),
  frequency: z.enum(["once", "monthly"]),
  gift_amount: minorUnits,
  fee_covered_amount: minorUnits,
  anonymous: z.enum(["true", "false"]).transform((value) => value === "true"),
  dedication_kind: z.enum(["in_honour", "in_memory"]).optional(),
  dedication_name: z.string().min(1).max(200).optional(),
  updates: z.literal("requested").optional(),
});

export function encodeGiftMetadata(gift: GiftMetadata): Record<string, string> {
  return {
    source: "lantern",
    campaign_id: gift.campaignId,
    frequency: gift.frequency,
    gift_amount: String(gift.giftAmount),
    fee_covered_amount: String(gift.feeCoveredAmount),
    anonymous: String(gift.anonymous),
    ...(gift.dedication ? { dedication_kind: gift.dedication.kind, dedication_name: gift.dedication.name } : {}),
    ...(gift.wantsUpdates ? { updates: "requested" } : {}),
  };
}

/** The gift described by Stripe metadata, or null when the metadata is not Lantern's. */
export function decodeGiftMetadata(metadata: Record<string, string> | null | undefined): GiftMetadata | null {
  const parsed = wireSchema.safeParse(metadata ?? {});
  if (!parsed.success) return null;
  const wire = parsed.data;
  return {
    campaignId: wire.campaign_id,
    frequency: wire.frequency,
    giftAmount: wire.gift_amount,
    feeCoveredAmount: wire.fee_covered_amount,
    anonymous: wire.anonymous,
    dedication: wire.dedication_kind && wire.dedication_name ? { kind: wire.dedication_kind, name: wire.dedication_name } : null,
    wantsUpdates: wire.updates === "requested",
  };
}

/**
 * The fee-cover part of a charge of `chargedAmount`. It is the recorded cover only while the
 * charge is still gift + cover; once the amount differs (changed on the donor's giving page) the
 * whole charge counts as gift, because the old split no longer describes it.
 */
export function feeCoveredPart(gift: GiftMetadata, chargedAmount: number): number {
  return chargedAmount === gift.giftAmount + gift.feeCoveredAmount && gift.feeCoveredAmount < chargedAmount ? gift.feeCoveredAmount : 0;
}
