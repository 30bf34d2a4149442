import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { campaignMatches, campaigns, donations, donors, recurringGifts, users, type GiftAnswer } from "@/db/schema";
import type { Database } from "@/db/database";
import { refundsOfGift, type GiftRefundRow } from "@/lib/donations/gift-refunds";
import { recurringGiftStatus } from "@/lib/donations/recurring-gift-status";
import { receiptNumberOf } from "@/lib/receipts/receipt-number";
import type { EmbedSource } from "@/lib/embed/embed-kinds";
import { isOfflineMethod, type GiftMethod } from "@/lib/donations/gift-methods";
import { giftStatusLabels, recurringStatusText, type GiftStatusLabel } from "./gift-status";

/** One gift as its admin page shows it: the payment, the donor, the campaign and any monthly gift. */
export interface AdminGift {
  id: string;
  paidAt: Date;
  amount: number;
  feeCoveredAmount: number;
  refundedAmount: number;
  /** Stripe's fee on the payment (null: not recorded) and every Stripe fee of the gift (payment, refunds, disputes). */
  processingFeeAmount: number | null;
  feeAmount: number;
  /** The payment as Stripe settled it (its balance transaction); null when not recorded. */
  settlement: { currency: string; amount: number; fee: number; exchangeRate: number | null } | null;
  /** What a refund could still return, as far as Lantern has recorded (Stripe's charge is checked again on refunding). */
  refundableAmount: number;
  currency: string;
  kind: "one_off" | "recurring";
  anonymous: boolean;
  dedication: { kind: "in_honour" | "in_memory"; name: string } | null;
  disputeStatus: string | null;
  /** Given through a widget on another site: its origin and the widget (lib/embed). */
  embed: EmbedSource | null;
  stripePaymentIntentId: string | null;
  stripeInvoiceId: string | null;
  /** What a sponsor's match adds to the gift now, and whose; null when it drew on no match. */
  match: { sponsorName: string; matchedAmount: number } | null;
  /** Answers to the campaign's questions, and the postal address when it was asked for. */
  answers: GiftAnswer[];
  postalAddress: string | null;
  /** `2026-000042`, as on the donor's receipt; null for a gift recorded before receipt numbers. */
  receiptNumber: string | null;
  status: GiftStatusLabel[];
  /** Every refund Stripe reported for the gift, oldest first, failed ones included. */
  refunds: GiftRefundRow[];
  donor: { id: string; email: string | null; name: string | null; stripeCustomerId: string | null };
  /** How it was paid; for a gift received offline, who entered, corrected or voided it, and why. */
  method: GiftMethod;
  offline: {
    reference: string | null;
    recordedBy: string | null;
    correctedAt: Date | null;
    correctedBy: string | null;
    voidedAt: Date | null;
    voidedBy: string | null;
    voidReason: string | null;
  } | null;
  campaign: { id: string; title: string; slug: string };
  recurring: {
    id: string;
    amount: number;
    currency: string;
    status: string;
    statusText: string;
    cancelAtPeriodEnd: boolean;
    /** Stripe will not charge it again: cancelled, or ending at the period's end. */
    ending: boolean;
  } | null;
}

const giftId = z.uuid();

/** The address of the admin who did something, as the gift page names them. */
async function adminEmail(db: Database, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return user?.email ?? userId;
}

/** The gift with this id, or null (also for anything that is not a gift id). */
export async function findAdminGift(db: Database, id: string): Promise<AdminGift | null> {
  if (!giftId.safeParse(id).success) return null;
  const [row] = await db
    .select({
      gift: donations,
      donor: donors,
      campaign: { id: campaigns.id, title: campaigns.title, slug: campaigns.slug },
      recurring: recurringGifts,
      sponsorName: campaignMatches.sponsorName,
    })
    .from(donations)
    .leftJoin(campaignMatches, eq(campaignMatches.id, donations.matchId))
    .innerJoin(donors, eq(donors.id, donations.donorId))
    .innerJoin(campaigns, eq(campaigns.id, donations.campaignId))
    .leftJoin(recurringGifts, eq(recurringGifts.id, donations.recurringGiftId))
    .where(eq(donations.id, id));
  if (!row) return null;
  const { gift, donor, campaign, recurring, sponsorName } = row;
  const statusText = recurring ? recurringStatusText(recurring) : null;
  return {
    id: gift.id,
    paidAt: gift.paidAt,
    amount: gift.amount,
    feeCoveredAmount: gift.feeCoveredAmount,
    refundedAmount: gift.refundedAmount,
    processingFeeAmount: gift.processingFeeAmount,
    feeAmount: gift.feeAmount,
    settlement:
      gift.settlementCurrency !== null && gift.settlementAmount !== null
        ? { currency: gift.settlementCurrency, amount: gift.settlementAmount, fee: gift.settlementFeeAmount ?? 0, exchangeRate: gift.exchangeRate }
        : null,
    refundableAmount: gift.disputeStatus ? 0 : gift.amount - gift.refundedAmount,
    currency: gift.currency,
    kind: gift.kind,
    anonymous: gift.anonymous,
    dedication: gift.dedicationKind && gift.dedicationName ? { kind: gift.dedicationKind, name: gift.dedicationName } : null,
    disputeStatus: gift.disputeStatus,
    embed: gift.embedOrigin && gift.embedKind ? { origin: gift.embedOrigin, kind: gift.embedKind } : null,
    stripePaymentIntentId: gift.stripePaymentIntentId,
    stripeInvoiceId: gift.stripeInvoiceId,
    match: sponsorName ? { sponsorName, matchedAmount: gift.matchedAmount } : null,
    answers: gift.answers,
    postalAddress: gift.postalAddress,
    receiptNumber: receiptNumberOf(gift),
    status: giftStatusLabels({ ...gift, recurring }),
    refunds: await refundsOfGift(db, gift.id),
    donor: { id: donor.id, email: donor.email, name: donor.name, stripeCustomerId: donor.stripeCustomerId },
    method: gift.method,
    offline: !isOfflineMethod(gift.method)
      ? null
      : {
          reference: gift.offlineReference,
          recordedBy: await adminEmail(db, gift.recordedBy),
          correctedAt: gift.correctedAt,
          correctedBy: await adminEmail(db, gift.correctedBy),
          voidedAt: gift.voidedAt,
          voidedBy: await adminEmail(db, gift.voidedBy),
          voidReason: gift.voidReason,
        },
    campaign,
    recurring:
      recurring && statusText
        ? {
            id: recurring.id,
            amount: recurring.amount,
            currency: recurring.currency,
            status: recurring.status,
            statusText,
            cancelAtPeriodEnd: recurring.cancelAtPeriodEnd,
            ending: ["ending", "cancelled"].includes(recurringGiftStatus(recurring).kind),
          }
        : null,
  };
}
