import { sql } from "drizzle-orm";
import type { Executor } from "@/db/database";
import { receiptCounters } from "@/db/schema";

/**
 * Human-readable receipt numbers: the UTC year of the payment and the gift's place in that
 * year's sequence, `2026-000042`. The sequence comes from the year's row in receipt_counters,
 * incremented in the transaction that records the gift: the row lock queues concurrent gifts
 * of one year, and a transaction that rolls back takes its increment with it, so numbers have
 * no gaps and no duplicates.
 */
export interface ReceiptNumber {
  year: number;
  sequence: number;
}

export function receiptYearOf(paidAt: Date): number {
  return paidAt.getUTCFullYear();
}

/** Takes the next number of `year`. Call only in the transaction that records the gift. */
export async function takeReceiptNumber(tx: Executor, year: number): Promise<ReceiptNumber> {
  const [row] = await tx
    .insert(receiptCounters)
    .values({ year, lastNumber: 1 })
    .onConflictDoUpdate({ target: receiptCounters.year, set: { lastNumber: sql`${receiptCounters.lastNumber} + 1` } })
    .returning({ lastNumber: receiptCounters.lastNumber });
  if (!row) throw new Error(`no receipt number for ${year}`);
  return { year, sequence: row.lastNumber };
}

/** `2026-000042`; wider sequences keep every digit (`2026-1234567`). */
export function formatReceiptNumber({ year, sequence }: ReceiptNumber): string {
  return `${year}-${String(sequence).padStart(6, "0")}`;
}

/** The number of a gift row, or null for a row written outside the webhooks (test fixtures). */
export function receiptNumberOf(row: { receiptYear: number | null; receiptSequence: number | null }): string | null {
  return row.receiptYear !== null && row.receiptSequence !== null ? formatReceiptNumber({ year: row.receiptYear, sequence: row.receiptSequence }) : null;
}
