/**
 * What a gift is, in the ledger's words: how often, how much, and how the donor wants it
 * shown. lib/payments carries these to Stripe and back (gift-metadata.ts); they are defined
 * here because the ledger owns them.
 */
export type GiftFrequency = "once" | "monthly" | "yearly";
/** Every frequency, in the order the donation panel shows them. */
export const GIFT_FREQUENCIES = ["once", "monthly", "yearly"] as const satisfies readonly GiftFrequency[];
export type DedicationKind = "in_honour" | "in_memory";

export interface Dedication {
  kind: DedicationKind;
  name: string;
}

export interface GiftDetails {
  campaignId: string;
  frequency: GiftFrequency;
  /** The gift before any fee cover, in minor units. */
  giftAmount: number;
  /** What the donor added to cover the card fee, in minor units (0 when not covered). */
  feeCoveredAmount: number;
  anonymous: boolean;
  dedication: Dedication | null;
}
