import "server-only";
import { eq } from "drizzle-orm";
import { donations } from "@/db/schema";
import type { Executor } from "@/db/database";
import { queueEmail } from "@/lib/email/outbox";
import { applyGiftChange } from "@/lib/ledger/apply-ledger-change";
import { formatMoney } from "@/lib/money/money";
import { organisation } from "@/lib/organisation/organisation";
import { formatReceiptNumber, receiptYearOf, takeReceiptNumber } from "@/lib/receipts/receipt-number";
import { receiptUrl } from "@/lib/receipts/receipt-link";
import { dedicationText, formatGiftDate } from "./gift-wording";
import type { DonorRef } from "./donors";
import type { GiftCampaign } from "./gift-campaign";

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
  stripe: { checkoutSessionId?: string | null; paymentIntentId?: string | null; chargeId?: string | null; invoiceId?: string | null };
  paidAt: Date;
  receipt: { template: ReceiptTemplate; idempotencyKey: string; manageUrl: string | null };
}

export interface RecordedGift {
  donationId: string;
  /** `2026-000042`. */
  receiptNumber: string;
  campaignId: string;
  receiptKey: string;
}

/** Records the gift and queues its receipt; returns null when this payment was already recorded. */
export async function recordGift(tx: Executor, gift: PaidGift): Promise<RecordedGift | null> {
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
      stripeCheckoutSessionId: gift.stripe.checkoutSessionId ?? null,
      stripePaymentIntentId: gift.stripe.paymentIntentId ?? null,
      stripeChargeId: gift.stripe.chargeId ?? null,
      stripeInvoiceId: gift.stripe.invoiceId ?? null,
      paidAt: gift.paidAt,
    })
    .onConflictDoNothing()
    .returning({ id: donations.id });
  if (!inserted) return null;
  // The year's counter row stays locked until this transaction ends: concurrent gifts queue here.
  const number = await takeReceiptNumber(tx, receiptYearOf(gift.paidAt));
  await tx.update(donations).set({ receiptYear: number.year, receiptSequence: number.sequence }).where(eq(donations.id, inserted.id));
  const receiptNumber = formatReceiptNumber(number);
  await applyGiftChange(
    tx,
    { campaignId: gift.campaign.id, currency: gift.currency, donorId: gift.donor.id, paidAt: gift.paidAt },
    null,
    { kind: gift.kind, amount: gift.amount, refundedAmount: 0, disputeStatus: null },
  );

  const org = organisation();
  await queueEmail(tx, {
    idempotencyKey: gift.receipt.idempotencyKey,
    template: gift.receipt.template,
    to: gift.donor.email,
    props: {
      organisationName: org.name,
      taxStatement: org.taxStatement,
      organisationDetails: [org.legalName, org.registrationNumber, org.addressLines.join(", "), org.contactEmail],
      donorName: gift.donor.name,
      amount: formatMoney(gift.amount, gift.currency, { showCents: true }),
      feeCovered: gift.feeCoveredAmount > 0 ? formatMoney(gift.feeCoveredAmount, gift.currency, { showCents: true }) : null,
      date: formatGiftDate(gift.paidAt),
      campaignTitle: gift.campaign.title,
      dedication: dedicationText(gift.dedication),
      receiptNumber,
      receiptUrl: receiptUrl(inserted.id),
      manageUrl: gift.receipt.manageUrl,
    },
  });
  return { donationId: inserted.id, receiptNumber, campaignId: gift.campaign.id, receiptKey: gift.receipt.idempotencyKey };
}
