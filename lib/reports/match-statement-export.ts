import "server-only";
import type { MatchStatement } from "@/lib/campaigns/campaign-matches";
import { minorToDecimalString } from "@/lib/money/money";
import { receiptNumberOf } from "@/lib/receipts/receipt-number";
import { csvStream, type CsvColumn } from "./csv-stream";

type StatementGift = MatchStatement["gifts"][number];

/** The sponsor's statement as CSV: one row per matched gift (donor names only where the donor gave publicly). */
export function matchStatementColumns(statement: MatchStatement): CsvColumn<StatementGift>[] {
  const money = (amount: number) => minorToDecimalString(amount, statement.currency);
  return [
    { header: "Paid at (UTC)", value: (gift) => gift.paidAt.toISOString().replace(/\.\d{3}Z$/, "Z") },
    { header: "Receipt number", value: (gift) => receiptNumberOf(gift) },
    { header: "Donor", value: (gift) => (gift.anonymous ? "Anonymous" : (gift.donorName ?? "A donor")) },
    { header: "Currency", value: () => statement.currency },
    { header: "Gift", value: (gift) => money(gift.amount - gift.feeCoveredAmount) },
    { header: "Refunded", value: (gift) => money(gift.refundedAmount) },
    { header: "Matched", value: (gift) => money(gift.matchedAmount) },
    { header: "Gift id", value: (gift) => gift.id },
  ];
}

export function matchStatementCsv(statement: MatchStatement): ReadableStream<Uint8Array> {
  async function* one() {
    yield statement.gifts;
  }
  return csvStream(matchStatementColumns(statement), one());
}
