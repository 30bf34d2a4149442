import { z } from "zod";
import type { GiftDetails } from "@/lib/donations/gift-types";
import { EMBED_KINDS, type EmbedSource } from "@/lib/embed/embed-kinds";

/**
 * What Lantern needs to know about a gift when Stripe reports the payment, carried in Stripe
 * metadata on the Checkout Session and on the PaymentIntent or Subscription it creates.
 * Written when checkout starts, read back by the webhook handlers; anything without
 * `source=lantern` (another product on the same Stripe account) is not ours and is ignored.
 * The fields are the ledger's (lib/donations/gift-types.ts); this module is their wire form.
 */
/**
 * The ledger's gift, plus what the webhook acts on but the gift row does not keep: whether the
 * donor ticked "Email me updates", and whom a dedication card should go to.
 */
export type GiftMetadata = GiftDetails & {
  wantsUpdates?: boolean;
  dedicationNotice?: DedicationNotice | null;
  /** Given through a widget on another site (lib/embed): recorded on the gift. */
  embed?: EmbedSource | null;
  /** That site's page, for the thank-you page's way back. */
  embedPage?: string | null;
  /** Answers to the campaign's questions by key (`q1`…`q3`), kept with the gift. */
  answers?: Record<string, string>;
  /** The donor's postal address, when the campaign asks for it (printed on the receipt). */
  postalAddress?: string | null;
};

/** Who is told of a dedication by email (the card never shows the amount). */
export interface DedicationNotice {
  email: string;
  /** How the card greets them; null for "Hello,". */
  name: string | null;
}

const minorUnits = z
  .string()
  .regex(/^\d{1,12}$/)
  .transform(Number);

const wireSchema = z.object({
  source: z.literal("lantern"),
  campaign_id: z.uuid(),
  frequency: z.enum(["once", "monthly", "yearly"]),
  gift_amount: minorUnits,
  fee_covered_amount: minorUnits,
  anonymous: z.enum(["true", "false"]).transform((value) => value === "true"),
  dedication_kind: z.enum(["in_honour", "in_memory"]).optional(),
  dedication_name: z.string().min(1).max(200).optional(),
  updates: z.literal("requested").optional(),
  notify_email: z.string().min(3).max(254).optional(),
  notify_name: z.string().min(1).max(200).optional(),
  embed_origin: z.string().min(8).max(200).optional(),
  embed_kind: z.enum(EMBED_KINDS).optional(),
  embed_page: z.string().min(8).max(500).optional(),
  q1: z.string().min(1).max(500).optional(),
  q2: z.string().min(1).max(500).optional(),
  q3: z.string().min(1).max(500).optional(),
  postal_address: z.string().min(1).max(500).optional(),
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
    // Only with a dedication: the card has nothing to say without one.
    ...(gift.dedication && gift.dedicationNotice
      ? { notify_email: gift.dedicationNotice.email, ...(gift.dedicationNotice.name ? { notify_name: gift.dedicationNotice.name } : {}) }
      : {}),
    ...(gift.embed ? { embed_origin: gift.embed.origin, embed_kind: gift.embed.kind, ...(gift.embedPage ? { embed_page: gift.embedPage } : {}) } : {}),
    ...Object.fromEntries(Object.entries(gift.answers ?? {}).filter(([key, answer]) => /^q[123]$/.test(key) && answer !== "")),
    ...(gift.postalAddress ? { postal_address: gift.postalAddress } : {}),
  };
}

/** The gift described by Stripe metadata, or null when the metadata is not Lantern's. */
export function decodeGiftMetadata(metadata: Record<string, string> | null | undefined): GiftMetadata | null {
  const parsed = wireSchema.safeParse(metadata ?? {});
  if (!parsed.success) return null;
  const wire = parsed.data;
  const dedication = wire.dedication_kind && wire.dedication_name ? { kind: wire.dedication_kind, name: wire.dedication_name } : null;
  return {
    campaignId: wire.campaign_id,
    frequency: wire.frequency,
    giftAmount: wire.gift_amount,
    feeCoveredAmount: wire.fee_covered_amount,
    anonymous: wire.anonymous,
    dedication,
    wantsUpdates: wire.updates === "requested",
    dedicationNotice: dedication && wire.notify_email ? { email: wire.notify_email, name: wire.notify_name ?? null } : null,
    embed: wire.embed_origin && wire.embed_kind ? { origin: wire.embed_origin, kind: wire.embed_kind } : null,
    embedPage: wire.embed_origin && wire.embed_kind ? (wire.embed_page ?? null) : null,
    ...(wire.q1 || wire.q2 || wire.q3
      ? { answers: Object.fromEntries((["q1", "q2", "q3"] as const).flatMap((key) => (wire[key] ? [[key, wire[key]]] : []))) }
      : {}),
    ...(wire.postal_address ? { postalAddress: wire.postal_address } : {}),
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

/** The dedication card to queue with a paid gift, under `idempotencyKey`; null when none was asked for. */
export function dedicationCardFor(gift: GiftMetadata, idempotencyKey: string): { to: string; recipientName: string | null; idempotencyKey: string } | null {
  if (!gift.dedication || !gift.dedicationNotice) return null;
  return { to: gift.dedicationNotice.email, recipientName: gift.dedicationNotice.name, idempotencyKey };
}
