import { sql } from "drizzle-orm";
import type { Executor } from "@/db/database";
import { donations, receiptCounters, sentEmails } from "@/db/schema";

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

/**
 * Takes the next number of `year` for a gift recorded in this transaction, in one statement:
 * the counter's increment, the number on the gift row, and the number in its receipt email,
 * queued earlier in the transaction with a blank props.receiptNumber (filled in as
 * formatReceiptNumber writes it). One statement because the year's counter row stays locked
 * until the transaction ends and every concurrent gift of the year waits on it: the caller
 * issues this last, so the lock is held for this statement and the COMMIT only. (It was three
 * round trips and the COMMIT: every gift queued behind them, and webhook throughput halved.)
 */
export async function numberGift(tx: Executor, gift: { year: number; donationId: string; receiptEmailKey: string }): Promise<ReceiptNumber> {
  // lpad cuts a longer string, so the width is at least the number's own digits.
  const result = (await tx.execute(sql`
    with taken as (
      insert into ${receiptCounters} (year, last_number) values (${gift.year}, 1)
      on conflict (year) do update set last_number = ${receiptCounters.lastNumber} + 1
      returning last_number
    ), numbered as (
      update ${donations} set receipt_year = ${gift.year}, receipt_sequence = (select last_number from taken)
      where ${donations.id} = ${gift.donationId}
    ), emailed as (
      update ${sentEmails}
      set props = jsonb_set(props, '{receiptNumber}', to_jsonb(${String(gift.year)}::text || '-' || lpad(t.last_number::text, greatest(6, length(t.last_number::text)), '0')))
      from taken t
      where ${sentEmails.idempotencyKey} = ${gift.receiptEmailKey} and ${sentEmails.props}->>'receiptNumber' = ''
    )
    select last_number from taken`)) as unknown as { rows: { last_number: number }[] };
  const row = result.rows[0];
  if (!row) throw new Error(`no receipt number for ${gift.year}`);
  return { year: gift.year, sequence: Number(row.last_number) };
}

/** `2026-000042`; wider sequences keep every digit (`2026-1234567`). */
export function formatReceiptNumber({ year, sequence }: ReceiptNumber): string {
  return `${year}-${String(sequence).padStart(6, "0")}`;
}

/** The number of a gift row, or null for a row written outside the webhooks (test fixtures). */
export function receiptNumberOf(row: { receiptYear: number | null; receiptSequence: number | null }): string | null {
  return row.receiptYear !== null && row.receiptSequence !== null ? formatReceiptNumber({ year: row.receiptYear, sequence: row.receiptSequence }) : null;
}
