import "server-only";
import { eq } from "drizzle-orm";
import { donations, type GiftAnswer } from "@/db/schema";
import type { Executor } from "@/db/database";
import { env } from "@/lib/env";
import { queueEmail, type QueuedEmail } from "@/lib/email/outbox";
import { applyGiftChange } from "@/lib/ledger/apply-ledger-change";
import { countGiftRecorded } from "@/lib/observability/metrics";
import { formatMoney } from "@/lib/money/money";
import { organisation, receiptIssuer } from "@/lib/organisation/organisation";
import { formatReceiptNumber, numberGift, receiptYearOf } from "@/lib/receipts/receipt-number";
import { receiptUrl } from "@/lib/receipts/receipt-link";
import { dedicationText, formatGiftDate } from "./gift-wording";
import { disputesOfPayment, lockPayment } from "./payment-disputes";
import type { DonorRef } from "./donors";
import { campaignUrl, giftCampaignTitle, type GiftCampaign } from "./gift-campaign";
import type { EmbedSource } from "@/lib/embed/embed-kinds";
import { drawMatch, matchableAmount } from "./gift-match";
import { settlementColumns, type Settlement } from "./gift-fees";
import { receiptMethodLabel, type StripeGiftMethod } from "./gift-methods";

/**
 * Where a donation is recorded. Called only by the Stripe webhook handlers, inside the
 * transaction that also marks the Stripe event processed. One row per successful payment:
 * every Stripe id on the row is unique, so a payment reported twice (redelivery, or two event
 * types for the same payment) is recorded once, and its receipt is queued once, in the same
 * transaction, under a key of its own. The campaign's ledger totals are updated in the same
 * transaction (lib/ledger), so every figure shown includes the gift exactly when the row exists.
 * Its receipt number is taken here too, only once the row is new, so a duplicate delivery
 * uses up no number.
 */
export type ReceiptTemplate = "one-off-receipt" | "monthly-welcome-receipt" | "monthly-receipt";

export interface PaidGift {
  donor: DonorRef;
  campaign: GiftCampaign;
  kind: "one_off" | "recurring";
  recurringGiftId: string | null;
  amount: number;
  feeCoveredAmount: number;
  currency: string;
  anonymous: boolean;
  dedication: { kind: "in_honour" | "in_memory"; name: string } | null;
  /** Given through a widget on another site: its origin and the widget (lib/embed). */
  embed?: EmbedSource | null;
  /** Answers to the campaign's extra questions, and the postal address when asked for (printed on the receipt). */
  answers?: GiftAnswer[];
  postalAddress?: string | null;
  stripe: { checkoutSessionId?: string | null; paymentIntentId?: string | null; chargeId?: string | null; invoiceId?: string | null };
  /** How Stripe took it: a card (the default) or a bank debit, as the payment's charge says. */
  method?: StripeGiftMethod;
  /**
   * Stripe's fee for the payment, from its balance transaction (read from Stripe by the handler),
   * in the gift's minor units; absent or null amount: not known yet.
   */
  processingFee?: { amount: number | null; balanceTransactionId: string | null; settlement?: Settlement | null } | null;
  paidAt: Date;
  /** `interval`: a recurring gift's, so its receipt says "monthly" or "yearly". */
  receipt: { template: ReceiptTemplate; idempotencyKey: string; manageUrl: string | null; interval?: "month" | "year" };
  /**
   * A card telling someone of the dedication, queued with the gift (so only once it is paid,
   * and once per key however often the payment is reported); null for none.
   */
  dedicationCard?: { to: string; recipientName: string | null; idempotencyKey: string } | null;
}

export interface RecordedGift {
  donationId: string;
  /** `2026-000042`. */
  receiptNumber: string;
  campaignId: string;
  receiptKey: string;
  /** The dedication card queued with the gift, if any. */
  cardKey: string | null;
}

/** Records the gift and queues its receipt; returns null when this payment was already recorded. */
export async function recordGift(tx: Executor, paid: PaidGift): Promise<RecordedGift | null> {
  // A payment that reaches an erased donor (a late webhook) keeps its financial facts only: no
  // dedication, answers, address or card; its receipt goes to the tombstone, which sends nothing.
  const gift: PaidGift = paid.donor.erased ? { ...paid, dedication: null, answers: [], postalAddress: null, dedicationCard: null } : paid;
  // A dispute handled before this gift's own event already waits in payment_disputes.
  const payment = { chargeId: gift.stripe.chargeId ?? null, paymentIntentId: gift.stripe.paymentIntentId ?? null };
  await lockPayment(tx, payment);
  const disputes = await disputesOfPayment(tx, payment);
  const disputeStatus = disputes.status;
  // The fee as giftFeeTotal (lib/donations/gift-fees.ts) counts it, written with the row instead
  // of read back and updated after it: the payment's fee and any dispute's stored before the
  // gift; no refund yet, as a refund row names its gift and this one is only now inserted.
  const feeAmount = (gift.processingFee?.amount ?? 0) + disputes.feeAmount;
  const [inserted] = await tx
    .insert(donations)
    .values({
      donorId: gift.donor.id,
      campaignId: gift.campaign.id,
      kind: gift.kind,
      recurringGiftId: gift.recurringGiftId,
      amount: gift.amount,
      feeCoveredAmount: gift.feeCoveredAmount,
      currency: gift.currency,
      anonymous: gift.anonymous,
      dedicationKind: gift.dedication?.kind ?? null,
      dedicationName: gift.dedication?.name ?? null,
      embedOrigin: gift.embed?.origin ?? null,
      embedKind: gift.embed?.kind ?? null,
      answers: gift.answers ?? [],
      postalAddress: gift.postalAddress ?? null,
      method: gift.method ?? "card",
      stripeCheckoutSessionId: gift.stripe.checkoutSessionId ?? null,
      stripePaymentIntentId: gift.stripe.paymentIntentId ?? null,
      stripeChargeId: gift.stripe.chargeId ?? null,
      stripeInvoiceId: gift.stripe.invoiceId ?? null,
      processingFeeAmount: gift.processingFee?.amount ?? null,
      stripeBalanceTransactionId: gift.processingFee?.balanceTransactionId ?? null,
      ...settlementColumns(gift.processingFee?.settlement),
      exchangeRate: gift.processingFee?.settlement?.exchangeRate ?? null,
      disputeStatus,
      feeAmount,
      paidAt: gift.paidAt,
    })
    .onConflictDoNothing()
    .returning({ id: donations.id });
  if (!inserted) return null;
  countGiftRecorded({ currency: gift.currency, amount: gift.amount, kind: gift.kind });
  // Only once the row is new: a duplicate delivery draws nothing from the sponsor's match.
  const match = await drawMatch(tx, {
    campaignId: gift.campaign.id,
    currency: gift.currency,
    paidAt: gift.paidAt,
    giftAmount: matchableAmount({ amount: gift.amount, feeCoveredAmount: gift.feeCoveredAmount, refundedAmount: 0, disputeStatus }),
  });
  if (match) await tx.update(donations).set({ matchId: match.matchId, matchedAmount: match.matchedAmount }).where(eq(donations.id, inserted.id));
  await applyGiftChange(tx, { campaignId: gift.campaign.id, currency: gift.currency, donorId: gift.donor.id, paidAt: gift.paidAt }, null, {
    kind: gift.kind,
    amount: gift.amount,
    refundedAmount: 0,
    disputeStatus,
    feeAmount,
  });
  // The receipt goes in with its number left blank: numberGift, last, writes it in (the row
  // lock on the year's counter is held from there to COMMIT, so nothing else comes after it).
  const receiptYear = receiptYearOf(gift.paidAt);
  const receipt: QueuedEmail<ReceiptTemplate> = {
    idempotencyKey: gift.receipt.idempotencyKey,
    template: gift.receipt.template,
    to: gift.donor.email,
    props: {
      ...receiptIssuer(),
      donorName: gift.donor.name,
      amount: formatMoney(gift.amount, gift.currency, { showCents: true }),
      feeCovered: gift.feeCoveredAmount > 0 ? formatMoney(gift.feeCoveredAmount, gift.currency, { showCents: true }) : null,
      date: formatGiftDate(gift.paidAt),
      campaignTitle: gift.campaign.title,
      dedication: dedicationText(gift.dedication),
      postalAddress: gift.postalAddress ?? null,
      receiptNumber: "",
      receiptUrl: receiptUrl(inserted.id),
      manageUrl: gift.receipt.manageUrl,
      method: receiptMethodLabel(gift.method ?? "card"),
      ...(gift.receipt.interval ? { interval: gift.receipt.interval } : {}),
    },
  };
  const card = gift.dedication && gift.dedicationCard ? gift.dedicationCard : null;
  const org = organisation();
  const cardEmail: QueuedEmail<"dedication-card"> | null =
    gift.dedication && card
      ? {
          idempotencyKey: card.idempotencyKey,
          template: "dedication-card",
          to: card.to,
          props: {
            organisationName: org.name,
            recipientName: card.recipientName,
            donorName: gift.anonymous ? null : gift.donor.name,
            dedicationKind: gift.dedication.kind,
            dedicationName: gift.dedication.name,
            campaignTitle: giftCampaignTitle(gift.campaign, org.name),
            campaignUrl: campaignUrl(gift.campaign, env().APP_URL),
          },
        }
      : null;
  await queueEmail(tx, receipt);
  if (cardEmail) await queueEmail(tx, cardEmail);
  const receiptNumber = formatReceiptNumber(await numberGift(tx, { year: receiptYear, donationId: inserted.id, receiptEmailKey: gift.receipt.idempotencyKey }));
  return {
    donationId: inserted.id,
    receiptNumber,
    campaignId: gift.campaign.id,
    receiptKey: gift.receipt.idempotencyKey,
    cardKey: card?.idempotencyKey ?? null,
  };
}
