import "server-only";
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { campaignMatches, campaigns, donations, donors, giftRefunds, paymentDisputes, recurringGifts, type GiftAnswer } from "@/db/schema";
import type { Database } from "@/db/database";
import { giftFigures } from "@/lib/ledger/gift-figures";
import { minorToDecimalString } from "@/lib/money/money";
import { GIFT_METHOD_LABELS, STRIPE_GIFT_METHODS, type GiftMethod } from "@/lib/donations/gift-methods";
import { csvStream, type CsvColumn } from "./csv-stream";
import { giftFilterConditions } from "./gift-filter-sql";
import type { GiftFilter } from "./report-filters";

export interface GiftExportRow {
  id: string;
  paidAt: string;
  cursor: string;
  campaignTitle: string;
  campaignSlug: string;
  kind: "one_off" | "recurring";
  /** A recurring gift's interval ("month" or "year"); null for a one-off gift. */
  interval: string | null;
  donorName: string | null;
  donorEmail: string | null;
  anonymous: boolean;
  method: GiftMethod;
  offlineReference: string | null;
  voided: boolean;
  currency: string;
  amount: number;
  feeCoveredAmount: number;
  refundedAmount: number;
  /** Every Stripe fee the gift cost (payment, refunds, disputes): donations.fee_amount. */
  feeAmount: number;
  /** A Stripe gift whose payment fee was never read: Fee and Net after fees are unknown, not 0. */
  feeNotRecorded: boolean;
  /** Stripe's settlement of the gift's payment, refunds and disputes (lib/reports/stripe-settlement.ts); null currency: not recorded. */
  settlementCurrency: string | null;
  settlementAmount: number | null;
  settlementOtherAmount: number | null;
  settlementFeeAmount: number | null;
  exchangeRate: number | null;
  dedicationKind: "in_honour" | "in_memory" | null;
  dedicationName: string | null;
  disputeStatus: string | null;
  embedOrigin: string | null;
  embedKind: "button" | "form" | "progress" | null;
  stripePaymentIntentId: string | null;
  stripeInvoiceId: string | null;
  matchedAmount: number;
  matchSponsor: string | null;
  answers: GiftAnswer[];
  postalAddress: string | null;
}

const money = (amount: number, row: GiftExportRow) => minorToDecimalString(amount, row.currency);
/** An amount in the settlement currency; negative as a number, like signedMoney. */
const settled = (amount: number | null, row: GiftExportRow) => {
  if (amount === null || row.settlementCurrency === null) return null;
  const text = minorToDecimalString(amount, row.settlementCurrency);
  return amount < 0 ? Number(text) : text;
};
const UNKNOWN = "unknown";
/**
 * An amount that can be negative, as a number when it is: csv-stringify's formula escaping
 * would turn the text "-1.75" into "'-1.75", which a spreadsheet no longer adds up, while a
 * number is never escaped (it cannot be a formula). Negative values lose trailing zeros (-1.5).
 */
const signedMoney = (amount: number, row: GiftExportRow) => (amount < 0 ? Number(money(amount, row)) : money(amount, row));

export const GIFT_EXPORT_COLUMNS: readonly CsvColumn<GiftExportRow>[] = [
  { header: "Paid at (UTC)", value: (row) => row.paidAt },
  { header: "Campaign", value: (row) => row.campaignTitle },
  { header: "Campaign slug", value: (row) => row.campaignSlug },
  { header: "Kind", value: (row) => (row.kind === "recurring" ? (row.interval === "year" ? "yearly" : "monthly") : "one-off") },
  { header: "Donor name", value: (row) => row.donorName },
  { header: "Donor email", value: (row) => row.donorEmail },
  { header: "Anonymous", value: (row) => row.anonymous },
  { header: "Currency", value: (row) => row.currency },
  { header: "Amount", value: (row) => money(row.amount, row) },
  { header: "Fee covered", value: (row) => money(row.feeCoveredAmount, row) },
  { header: "Refunded", value: (row) => money(row.refundedAmount, row) },
  // What the gift adds to "raised": nothing once a dispute is lost (the ledger's own rule).
  { header: "Net", value: (row) => money(giftFigures(row).netAmount, row) },
  // Stripe's fees on the gift (its payment, refunds and disputes), read from Stripe's balance
  // transactions, in the gift's currency (converted back at Stripe's rate when Stripe converted);
  // 0.00 for gifts received offline; "unknown" for a Stripe gift whose fee was never read.
  { header: "Fee", value: (row) => (row.feeNotRecorded ? UNKNOWN : money(giftFigures(row).feeAmount, row)) },
  // What the organisation received: Net less the fees (negative when a refund or dispute cost more than was kept).
  { header: "Net after fees", value: (row) => (row.feeNotRecorded ? UNKNOWN : signedMoney(giftFigures(row).netAmount - giftFigures(row).feeAmount, row)) },
  // The same gift as Stripe's balance saw it, in the settlement currency (USD for a US account),
  // exactly as its balance transactions report it: what matches Stripe's payouts.
  { header: "Settled in", value: (row) => row.settlementCurrency },
  { header: "Settled amount", value: (row) => settled(row.settlementAmount, row) },
  { header: "Settled refunds and disputes", value: (row) => settled(row.settlementOtherAmount, row) },
  { header: "Settled fees", value: (row) => settled(row.settlementFeeAmount, row) },
  {
    header: "Settled net",
    value: (row) =>
      row.settlementAmount === null ? null : settled(row.settlementAmount + (row.settlementOtherAmount ?? 0) - (row.settlementFeeAmount ?? 0), row),
  },
  { header: "Exchange rate", value: (row) => row.exchangeRate },
  // Card for Stripe payments; cheque, bank transfer… for gifts staff recorded (lib/donations/offline-gifts.ts).
  { header: "Method", value: (row) => GIFT_METHOD_LABELS[row.method] },
  { header: "Reference", value: (row) => row.offlineReference },
  // A voided offline gift: listed with its receipt, counting for nothing (Net 0).
  { header: "Void", value: (row) => row.voided },
  { header: "Dedication", value: (row) => (row.dedicationKind === "in_memory" ? "in memory of" : row.dedicationKind === "in_honour" ? "in honour of" : null) },
  { header: "Dedicated to", value: (row) => row.dedicationName },
  { header: "Dispute", value: (row) => row.disputeStatus },
  // Given through a widget on another site (lib/embed): which site, and which widget.
  { header: "Embedded on", value: (row) => row.embedOrigin },
  { header: "Widget", value: (row) => row.embedKind },
  // What a sponsor's match adds to this gift (owed by the sponsor), net of refunds and lost disputes.
  { header: "Matched", value: (row) => money(row.matchedAmount, row) },
  { header: "Matched by", value: (row) => row.matchSponsor },
  // Answers to the campaign's questions as "Question: answer" lines: questions differ by campaign.
  { header: "Answers", value: (row) => (row.answers.length > 0 ? row.answers.map((answer) => `${answer.label}: ${answer.answer}`).join("\n") : null) },
  { header: "Postal address", value: (row) => row.postalAddress },
  { header: "Stripe payment intent", value: (row) => row.stripePaymentIntentId },
  { header: "Stripe invoice", value: (row) => row.stripeInvoiceId },
  { header: "Gift id", value: (row) => row.id },
];

const nullableNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/**
 * The sum of a settlement column over the gift's refunds and disputes (disputes matched by charge
 * or PaymentIntent, as lib/donations/gift-fees.ts does); null when the gift's own settlement is
 * not recorded. A correlated subquery per row of a page of the export.
 */
function settledMovements(column: SQL): SQL {
  return sql`case when ${donations.settlementCurrency} is null then null else
    coalesce((select sum(r.${column}) from ${giftRefunds} r where r.donation_id = ${donations.id} and r.settlement_currency is not null), 0)
    + coalesce((select sum(d.${column}) from ${paymentDisputes} d where d.settlement_currency is not null
        and (d.stripe_charge_id = ${donations.stripeChargeId} or d.stripe_payment_intent_id = ${donations.stripePaymentIntentId})), 0) end`;
}

export const EXPORT_BATCH_SIZE = 1000;

/** Gifts matching `filter`, oldest first, in batches read by keyset (constant memory). */
export async function* giftExportBatches(db: Database, filter: GiftFilter, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<GiftExportRow[]> {
  let after: { paidAt: string; id: string } | null = null;
  for (;;) {
    const keyset: SQL | undefined = after ? sql`(${donations.paidAt}, ${donations.id}) > (${after.paidAt}::timestamptz, ${after.id}::uuid)` : undefined;
    const rows: GiftExportRow[] = await db
      .select({
        id: donations.id,
        paidAt: sql<string>`to_char(${donations.paidAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
        cursor: sql<string>`to_char(${donations.paidAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
        campaignTitle: campaigns.title,
        campaignSlug: campaigns.slug,
        kind: donations.kind,
        interval: recurringGifts.interval,
        donorName: donors.name,
        donorEmail: donors.email,
        anonymous: donations.anonymous,
        method: donations.method,
        offlineReference: donations.offlineReference,
        voided: sql<boolean>`${donations.voidedAt} is not null`,
        currency: donations.currency,
        amount: donations.amount,
        feeCoveredAmount: donations.feeCoveredAmount,
        refundedAmount: donations.refundedAmount,
        feeAmount: donations.feeAmount,
        feeNotRecorded: sql<boolean>`(${inArray(donations.method, STRIPE_GIFT_METHODS)} and ${donations.processingFeeAmount} is null)`,
        settlementCurrency: donations.settlementCurrency,
        settlementAmount: donations.settlementAmount,
        settlementOtherAmount: sql<number | null>`(${settledMovements(sql`settlement_amount`)})`.mapWith(nullableNumber),
        settlementFeeAmount: sql<
          number | null
        >`case when ${donations.settlementCurrency} is null then null else ${donations.settlementFeeAmount} + coalesce((${settledMovements(sql`settlement_fee_amount`)}), 0) end`.mapWith(
          nullableNumber,
        ),
        exchangeRate: donations.exchangeRate,
        dedicationKind: donations.dedicationKind,
        dedicationName: donations.dedicationName,
        disputeStatus: donations.disputeStatus,
        embedOrigin: donations.embedOrigin,
        embedKind: donations.embedKind,
        stripePaymentIntentId: donations.stripePaymentIntentId,
        stripeInvoiceId: donations.stripeInvoiceId,
        matchedAmount: donations.matchedAmount,
        matchSponsor: campaignMatches.sponsorName,
        answers: donations.answers,
        postalAddress: donations.postalAddress,
      })
      .from(donations)
      .innerJoin(donors, eq(donors.id, donations.donorId))
      .leftJoin(campaignMatches, eq(campaignMatches.id, donations.matchId))
      .innerJoin(campaigns, eq(campaigns.id, donations.campaignId))
      .leftJoin(recurringGifts, eq(recurringGifts.id, donations.recurringGiftId))
      .where(and(giftFilterConditions(filter), keyset))
      .orderBy(asc(donations.paidAt), asc(donations.id))
      .limit(batchSize);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1]!;
    after = { paidAt: last.cursor, id: last.id };
  }
}

export function giftsCsv(db: Database, filter: GiftFilter): ReadableStream<Uint8Array> {
  return csvStream(GIFT_EXPORT_COLUMNS, giftExportBatches(db, filter));
}
