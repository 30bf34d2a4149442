import "server-only";
import { eq } from "drizzle-orm";
import { campaigns, donations, donors, recurringGifts } from "@/db/schema";
import type { Database } from "@/db/database";
import { dedicationText, formatGiftDate } from "@/lib/donations/gift-wording";
import { receiptMethodLabel } from "@/lib/donations/gift-methods";
import { formatMoney } from "@/lib/money/money";
import { receiptNumberOf } from "./receipt-number";
import { verifyReceiptToken } from "./receipt-link";

/** What a gift's receipt page shows; read only. */
export interface GiftReceipt {
  /** `2026-000042`; null only for a gift written outside the webhooks (test fixtures). */
  receiptNumber: string | null;
  donorName: string | null;
  /** Null only for a gift received offline whose donor's address staff did not have. */
  donorEmail: string | null;
  frequency: "one-off" | "monthly" | "yearly";
  /** Formatted total charged, e.g. "$26.06". */
  amount: string;
  /** Formatted part that covered card fees, when the donor chose to. */
  feeCovered: string | null;
  /** Formatted amount refunded since, when any was. */
  refunded: string | null;
  date: string;
  campaignTitle: string;
  dedication: string | null;
  /** How it was paid, for a gift received offline ("Cheque"); null for card payments. */
  method: string | null;
  /** A voided offline gift: the receipt keeps its number and says VOID. */
  voided: boolean;
  /** The donor's postal address, when the campaign asked for it (printed under their name). */
  postalAddress: string | null;
}

/** The receipt a link's token opens, or null when the token is forged or names no gift. */
export async function loadGiftReceipt(db: Database, token: string): Promise<GiftReceipt | null> {
  const donationId = verifyReceiptToken(token);
  if (!donationId) return null;
  const [row] = await db
    .select({
      receiptYear: donations.receiptYear,
      receiptSequence: donations.receiptSequence,
      kind: donations.kind,
      amount: donations.amount,
      feeCoveredAmount: donations.feeCoveredAmount,
      refundedAmount: donations.refundedAmount,
      currency: donations.currency,
      dedicationKind: donations.dedicationKind,
      dedicationName: donations.dedicationName,
      postalAddress: donations.postalAddress,
      paidAt: donations.paidAt,
      campaignTitle: campaigns.title,
      campaignKind: campaigns.kind,
      donorName: donors.name,
      donorEmail: donors.email,
      method: donations.method,
      voidedAt: donations.voidedAt,
      interval: recurringGifts.interval,
    })
    .from(donations)
    .innerJoin(campaigns, eq(campaigns.id, donations.campaignId))
    .innerJoin(donors, eq(donors.id, donations.donorId))
    .leftJoin(recurringGifts, eq(recurringGifts.id, donations.recurringGiftId))
    .where(eq(donations.id, donationId))
    .limit(1);
  if (!row) return null;
  const money = (amount: number) => formatMoney(amount, row.currency, { showCents: true });
  return {
    receiptNumber: receiptNumberOf(row),
    donorName: row.donorName,
    donorEmail: row.donorEmail,
    frequency: row.kind === "recurring" ? (row.interval === "year" ? "yearly" : "monthly") : "one-off",
    amount: money(row.amount),
    feeCovered: row.feeCoveredAmount > 0 ? money(row.feeCoveredAmount) : null,
    refunded: row.refundedAmount > 0 ? money(row.refundedAmount) : null,
    date: formatGiftDate(row.paidAt),
    campaignTitle: row.campaignKind === "general_fund" ? "General fund" : row.campaignTitle,
    postalAddress: row.postalAddress,
    dedication: row.dedicationKind && row.dedicationName ? dedicationText({ kind: row.dedicationKind, name: row.dedicationName }) : null,
    method: receiptMethodLabel(row.method),
    voided: row.voidedAt !== null,
  };
}
