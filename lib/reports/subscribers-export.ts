import "server-only";
import { and, asc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { subscribers } from "@/db/schema";
import type { Database } from "@/db/database";
import { csvStream, type CsvColumn } from "./csv-stream";
import { EXPORT_BATCH_SIZE } from "./gifts-export";
import { rangeBounds, type DateRange } from "./report-filters";

export interface SubscriberExportRow {
  id: string;
  cursor: string;
  email: string;
  firstName: string | null;
  source: string;
  consentText: string;
  consentedAt: string;
  confirmedAt: string;
}

const utc = (column: typeof subscribers.consentedAt | typeof subscribers.confirmedAt) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

export const SUBSCRIBER_EXPORT_COLUMNS: readonly CsvColumn<SubscriberExportRow>[] = [
  { header: "Email", value: (row) => row.email },
  { header: "First name", value: (row) => row.firstName },
  { header: "Source", value: (row) => row.source },
  { header: "Consented at (UTC)", value: (row) => row.consentedAt },
  { header: "Confirmed at (UTC)", value: (row) => row.confirmedAt },
  { header: "Consent text", value: (row) => row.consentText },
];

/** Confirmed subscribers, by the day they confirmed (UTC) when a range is given, oldest first. */
export async function* subscriberExportBatches(
  db: Database,
  range: DateRange | undefined,
  batchSize = EXPORT_BATCH_SIZE,
): AsyncGenerator<SubscriberExportRow[]> {
  const conditions: SQL[] = [eq(subscribers.status, "confirmed"), sql`${subscribers.confirmedAt} is not null`];
  if (range) {
    const { start, end } = rangeBounds(range);
    conditions.push(gte(subscribers.confirmedAt, start), lt(subscribers.confirmedAt, end));
  }
  let after: { confirmedAt: string; id: string } | null = null;
  for (;;) {
    const keyset: SQL | undefined = after
      ? sql`(${subscribers.confirmedAt}, ${subscribers.id}) > (${after.confirmedAt}::timestamptz, ${after.id}::uuid)`
      : undefined;
    const rows: SubscriberExportRow[] = await db
      .select({
        id: subscribers.id,
        cursor: sql<string>`to_char(${subscribers.confirmedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
        email: subscribers.email,
        firstName: subscribers.firstName,
        source: subscribers.source,
        consentText: subscribers.consentText,
        consentedAt: utc(subscribers.consentedAt),
        confirmedAt: utc(subscribers.confirmedAt),
      })
      .from(subscribers)
      .where(and(...conditions, keyset))
      .orderBy(asc(subscribers.confirmedAt), asc(subscribers.id))
      .limit(batchSize);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1]!;
    after = { confirmedAt: last.cursor, id: last.id };
  }
}

export function subscribersCsv(db: Database, range: DateRange | undefined): ReadableStream<Uint8Array> {
  return csvStream(SUBSCRIBER_EXPORT_COLUMNS, subscriberExportBatches(db, range));
}
