import { stringify, type Options } from "csv-stringify/sync";
import { describeError } from "@/lib/errors/describe-error";
import { logger } from "@/lib/observability/logger";

const log = logger("csv");

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => CsvCell;
}

/**
 * RFC 4180 CSV written by csv-stringify (quoting, embedded quotes and newlines), with
 * `escape_formulas`: a text cell starting with =, +, -, @, tab or carriage return (or their
 * full-width forms) is prefixed with ' so a spreadsheet shows it instead of running it.
 */
export const CSV_OPTIONS: Options = { escape_formulas: true, record_delimiter: "\r\n", cast: { boolean: (value) => (value ? "yes" : "no") } };

export function csvRecords<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string {
  return stringify(
    rows.map((row) => columns.map((column) => column.value(row))),
    CSV_OPTIONS,
  );
}

export function csvHeader<Row>(columns: readonly CsvColumn<Row>[]): string {
  return stringify([columns.map((column) => column.header)], CSV_OPTIONS);
}

/**
 * A CSV file as a byte stream fed by batches of rows: one batch is read from the database
 * only when the client has taken the previous one (pull-based backpressure), so an export of
 * any size holds one batch in memory. A byte order mark first, so spreadsheet programs read
 * the file as UTF-8.
 */
export function csvStream<Row>(columns: readonly CsvColumn<Row>[], batches: AsyncIterable<readonly Row[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(`\uFEFF${csvHeader(columns)}`));
          return;
        }
        try {
          const next = await iterator.next();
          if (next.done) controller.close();
          else if (next.value.length > 0) controller.enqueue(encoder.encode(csvRecords(columns, next.value)));
        } catch (error) {
          log.error(`export failed mid-stream: ${describeError(error)}`);
          controller.error(error);
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}
