import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/database";
import { KEPT_SQL } from "@/lib/ledger/ledger-sql";
import { minorToDecimalString } from "@/lib/money/money";
import { csvStream, type CsvColumn } from "./csv-stream";
import { givingOf, type DonorGiving } from "./donor-list";

/**
 * The admin's retention figures (the Reports page), by UTC calendar year and month. A gift counts
 * as the ledger counts it: not voided, something of it kept (a fully refunded gift or a lost
 * dispute does not count, a partly refunded one does); gifts received offline count like any
 * other. Donors are donor rows: one email identity each (lib/identity/email-identity.ts).
 *
 * - retained in year Y: donors who gave in Y and in Y−1; the rate is that over Y−1's donors.
 * - LYBUNT for Y ("last year but unfortunately not this"): gave in Y−1, not in Y.
 * - SYBUNT for Y ("some year but unfortunately not this"): gave in a year before Y−1, not in Y−1 or Y.
 * - new in a month: the donor's first counted gift ever was that month; returning: gave that
 *   month, and had given before.
 * - average and median gift: per currency (never mixed), of what each gift kept (amount less refunds),
 *   rounded to the nearest minor unit (half away from zero).
 * - recurring donors gained in a month: their first counted monthly or yearly payment was that month;
 *   lost: every monthly or yearly gift of theirs that was ever paid has ended (Stripe's ended_at,
 *   as the dashboard's churn), the last of them that month.
 */

const COUNTED = sql.raw(`voided_at is null and ${KEPT_SQL}`);

const yearStart = (year: number) => `${String(year).padStart(4, "0")}-01-01T00:00:00Z`;
const yearOf = (column: string) => sql.raw(`extract(year from ${column} at time zone 'UTC')::int`);
const monthOf = (column: string) => sql.raw(`extract(month from ${column} at time zone 'UTC')::int`);

type Rows<T> = { rows: T[] };
async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as Rows<T>).rows;
}

export interface RetentionYear {
  year: number;
  donors: number;
  /** Donors of the year before. */
  previousDonors: number;
  /** Gave this year and the year before. */
  retained: number;
  /** retained / previousDonors, null when nobody gave the year before. */
  rate: number | null;
}

export interface MonthFigures {
  /** 1–12. */
  month: number;
  donors: number;
  newDonors: number;
  returningDonors: number;
  recurringGained: number;
  recurringLost: number;
}

export interface GiftSizeFigures {
  currency: string;
  gifts: number;
  /** Sum of what the gifts kept, minor units. */
  total: number;
  average: number;
  median: number;
}

export interface RetentionReport {
  year: number;
  years: RetentionYear[];
  lybunt: number;
  sybunt: number;
  months: MonthFigures[];
  giftSizes: GiftSizeFigures[];
  recurringGained: number;
  recurringLost: number;
}

/** Years shown in the year-over-year table, ending at the report's year. */
export const RETENTION_YEARS = 5;

export async function getRetentionReport(db: Database, year: number): Promise<RetentionReport> {
  const [years, lapsed, months, giftSizes, gained, lost] = await Promise.all([
    retentionYears(db, year),
    lapsedCounts(db, year),
    newAndReturning(db, year),
    giftSizesOf(db, year),
    recurringGained(db, year),
    recurringLost(db, year),
  ]);
  const monthRows: MonthFigures[] = Array.from({ length: 12 }, (_, index) => {
    const month = index + 1;
    const active = months.get(month) ?? { donors: 0, newDonors: 0 };
    return {
      month,
      donors: active.donors,
      newDonors: active.newDonors,
      returningDonors: active.donors - active.newDonors,
      recurringGained: gained.get(month) ?? 0,
      recurringLost: lost.get(month) ?? 0,
    };
  });
  return {
    year,
    years,
    ...lapsed,
    months: monthRows,
    giftSizes,
    recurringGained: monthRows.reduce((sum, month) => sum + month.recurringGained, 0),
    recurringLost: monthRows.reduce((sum, month) => sum + month.recurringLost, 0),
  };
}

async function retentionYears(db: Database, year: number): Promise<RetentionYear[]> {
  const first = year - RETENTION_YEARS + 1;
  const found = await rows<{ y: number; donors: number; retained: number }>(
    db,
    sql`with donor_years as (
        select distinct donor_id, ${yearOf("paid_at")} as y from donations
        where ${COUNTED} and paid_at >= ${yearStart(first - 1)}::timestamptz and paid_at < ${yearStart(year + 1)}::timestamptz
      )
      select a.y, count(*)::int as donors, count(b.donor_id)::int as retained
      from donor_years a left join donor_years b on b.donor_id = a.donor_id and b.y = a.y - 1
      group by a.y`,
  );
  const byYear = new Map(found.map((row) => [Number(row.y), { donors: Number(row.donors), retained: Number(row.retained) }]));
  const result: RetentionYear[] = [];
  for (let y = first; y <= year; y++) {
    const donors = byYear.get(y)?.donors ?? 0;
    const previousDonors = byYear.get(y - 1)?.donors ?? 0;
    const retained = byYear.get(y)?.retained ?? 0;
    result.push({ year: y, donors, previousDonors, retained, rate: previousDonors > 0 ? retained / previousDonors : null });
  }
  return result;
}

export type LapsedKind = "lybunt" | "sybunt";

/** Each donor's years with a counted gift, up to `year`: whether they gave in Y, in Y−1, and before. */
function lapsedDonorsSql(year: number, kind: LapsedKind): SQL {
  const condition = kind === "lybunt" ? sql`last_year and not this_year` : sql`earlier and not last_year and not this_year`;
  return sql`select donor_id from (
      select donor_id,
        bool_or(paid_at >= ${yearStart(year)}::timestamptz) as this_year,
        bool_or(paid_at >= ${yearStart(year - 1)}::timestamptz and paid_at < ${yearStart(year)}::timestamptz) as last_year,
        bool_or(paid_at < ${yearStart(year - 1)}::timestamptz) as earlier
      from donations where ${COUNTED} and paid_at < ${yearStart(year + 1)}::timestamptz
      group by donor_id
    ) as by_donor where ${condition}`;
}

const LAST_GIFT_KEY = sql.raw(`coalesce(d.last_gift_at, '-infinity'::timestamptz)`);

/**
 * Which donors (alias `d`) are LYBUNT or SYBUNT for `year`. While no counted gift is later than
 * `year` (the usual case: this year's report), a donor's last gift alone says it, read from
 * donors.last_gift_at (kept in the gift's transaction) through its index; for an earlier year,
 * from each donor's gifts by year.
 */
async function lapsedCondition(db: Database, year: number, kind: LapsedKind): Promise<SQL> {
  const later = await rows(db, sql`select 1 from donors d where ${LAST_GIFT_KEY} >= ${yearStart(year + 1)}::timestamptz limit 1`);
  if (later.length > 0) return sql`d.id in (${lapsedDonorsSql(year, kind)})`;
  return kind === "lybunt"
    ? sql`${LAST_GIFT_KEY} >= ${yearStart(year - 1)}::timestamptz and ${LAST_GIFT_KEY} < ${yearStart(year)}::timestamptz`
    : sql`d.last_gift_at is not null and ${LAST_GIFT_KEY} < ${yearStart(year - 1)}::timestamptz`;
}

async function lapsedCounts(db: Database, year: number): Promise<{ lybunt: number; sybunt: number }> {
  const [lybunt, sybunt] = await Promise.all([lapsedCondition(db, year, "lybunt"), lapsedCondition(db, year, "sybunt")]);
  const [row] = await rows<{ lybunt: number; sybunt: number }>(
    db,
    sql`select (select count(*) from donors d where ${lybunt})::int as lybunt, (select count(*) from donors d where ${sybunt})::int as sybunt`,
  );
  return { lybunt: Number(row?.lybunt ?? 0), sybunt: Number(row?.sybunt ?? 0) };
}

async function newAndReturning(db: Database, year: number): Promise<Map<number, { donors: number; newDonors: number }>> {
  const found = await rows<{ m: number; donors: number; new_donors: number }>(
    db,
    sql`select m, count(*)::int as donors, count(*) filter (where first_month = m and first_year = ${year})::int as new_donors from (
        select distinct g.donor_id, ${monthOf("g.paid_at")} as m, ${monthOf("d.first_gift_at")} as first_month, ${yearOf("d.first_gift_at")} as first_year
        from donations g join donors d on d.id = g.donor_id
        where ${sql.raw(`g.voided_at is null and g.dispute_status is distinct from 'lost' and g.amount > g.refunded_amount`)}
          and g.paid_at >= ${yearStart(year)}::timestamptz and g.paid_at < ${yearStart(year + 1)}::timestamptz
      ) as donor_months group by m`,
  );
  return new Map(found.map((row) => [Number(row.m), { donors: Number(row.donors), newDonors: Number(row.new_donors) }]));
}

async function giftSizesOf(db: Database, year: number): Promise<GiftSizeFigures[]> {
  const found = await rows<{ currency: string; gifts: number; total: string; average: string; median: string }>(
    db,
    sql`select currency, count(*)::int as gifts, sum(kept)::bigint as total, round(avg(kept))::bigint as average,
        round((percentile_cont(0.5) within group (order by kept))::numeric)::bigint as median
      from (select currency, amount - refunded_amount as kept from donations
        where ${COUNTED} and paid_at >= ${yearStart(year)}::timestamptz and paid_at < ${yearStart(year + 1)}::timestamptz) as gifts
      group by currency order by currency`,
  );
  return found.map((row) => ({
    currency: row.currency,
    gifts: Number(row.gifts),
    total: Number(row.total),
    average: Number(row.average),
    median: Number(row.median),
  }));
}

async function recurringGained(db: Database, year: number): Promise<Map<number, number>> {
  const found = await rows<{ m: number; n: number }>(
    db,
    sql`select ${monthOf("first_at")} as m, count(*)::int as n from (
        select donor_id, min(paid_at) as first_at from donations where kind = 'recurring' and ${COUNTED} group by donor_id
      ) as firsts where first_at >= ${yearStart(year)}::timestamptz and first_at < ${yearStart(year + 1)}::timestamptz group by 1`,
  );
  return new Map(found.map((row) => [Number(row.m), Number(row.n)]));
}

async function recurringLost(db: Database, year: number): Promise<Map<number, number>> {
  const found = await rows<{ m: number; n: number }>(
    db,
    sql`select ${monthOf("last_end")} as m, count(*)::int as n from (
        select r.donor_id, max(r.ended_at) as last_end, bool_or(r.ended_at is null) as still_going
        from recurring_gifts r where exists (select 1 from donations g where g.recurring_gift_id = r.id and g.voided_at is null)
        group by r.donor_id
      ) as ends where not still_going and last_end >= ${yearStart(year)}::timestamptz and last_end < ${yearStart(year + 1)}::timestamptz group by 1`,
  );
  return new Map(found.map((row) => [Number(row.m), Number(row.n)]));
}

export interface LapsedDonor {
  id: string;
  email: string | null;
  name: string | null;
  lastGiftAt: Date | null;
  giving: DonorGiving[];
}

/** LYBUNT or SYBUNT donors for `year`, by last gift (most recent first), keyset-paged by donor id. */
export async function listLapsedDonors(db: Database, year: number, kind: LapsedKind, page: { after?: string; limit: number }): Promise<LapsedDonor[]> {
  // The cursor is a donor id; its sort key is read from its row (no timestamp round-trips through text).
  const keyset = page.after
    ? sql`and (coalesce(d.last_gift_at, '-infinity'::timestamptz), d.id) < (select coalesce(c.last_gift_at, '-infinity'::timestamptz), c.id from donors c where c.id = ${page.after})`
    : sql``;
  const found = await rows<{ id: string; email: string | null; name: string | null; last_gift_at: string | Date | null }>(
    db,
    sql`select d.id, d.email, d.name, d.last_gift_at from donors d where ${await lapsedCondition(db, year, kind)} ${keyset}
      order by coalesce(d.last_gift_at, '-infinity'::timestamptz) desc, d.id desc limit ${page.limit}`,
  );
  const giving = await givingOf(
    db,
    found.map((row) => row.id),
  );
  return found.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    lastGiftAt: row.last_gift_at === null ? null : new Date(row.last_gift_at),
    giving: giving.get(row.id) ?? [],
  }));
}

const LAPSED_EXPORT_BATCH = 1000;

export const LAPSED_EXPORT_COLUMNS: readonly CsvColumn<LapsedDonor>[] = [
  { header: "Email", value: (row) => row.email },
  { header: "Name", value: (row) => row.name },
  { header: "Last gift (UTC)", value: (row) => row.lastGiftAt?.toISOString() ?? "" },
  // One currency per part, never added together: "USD 120.00; EUR 15.00".
  {
    header: "Lifetime giving",
    value: (row) => row.giving.map((entry) => `${entry.currency} ${minorToDecimalString(entry.amount, entry.currency)}`).join("; "),
  },
];

async function* lapsedBatches(db: Database, year: number, kind: LapsedKind): AsyncGenerator<LapsedDonor[]> {
  let after: string | undefined;
  for (;;) {
    const batch = await listLapsedDonors(db, year, kind, { after, limit: LAPSED_EXPORT_BATCH });
    if (batch.length === 0) return;
    yield batch;
    if (batch.length < LAPSED_EXPORT_BATCH) return;
    after = batch.at(-1)!.id;
  }
}

/** Every LYBUNT or SYBUNT donor of `year` as CSV, streamed in batches. */
export function lapsedDonorsCsv(db: Database, year: number, kind: LapsedKind): ReadableStream<Uint8Array> {
  return csvStream(LAPSED_EXPORT_COLUMNS, lapsedBatches(db, year, kind));
}

/** The report's year from ?year=, within reason; the current UTC year otherwise. */
export function parseReportYear(value: string | string[] | undefined, now: Date = new Date()): number {
  const raw = Array.isArray(value) ? value[0] : value;
  const current = now.getUTCFullYear();
  const year = raw && /^\d{4}$/.test(raw.trim()) ? Number(raw.trim()) : current;
  return year >= 2000 && year <= current + 1 ? year : current;
}
