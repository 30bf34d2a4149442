import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/database";
import { emailIdentity } from "@/lib/identity/email-identity";
import { WILL_CHARGE_AGAIN_SQL } from "@/lib/ledger/will-charge-again";
import { containsPattern } from "./gift-filter-sql";
import { DONOR_SEARCH_MAX_LENGTH, type SearchParams } from "./report-filters";

/**
 * The admin's list of donors: one row per donor (one email identity, lib/identity), read from
 * each donor's part of the ledger (donors.kept_gifts, first_gift_at, last_gift_at and
 * ledger_currency_donors.net_amount, kept in the gift's own transaction) so that sorting 200,000
 * donors never adds up a million gifts. Pages are keyset-paged: the cursor is the last donor's
 * id, and its sort key is looked up in the index, so page 40 costs what page 1 does.
 */

export const DONOR_SORTS = ["last-gift", "first-gift", "lifetime"] as const;
export type DonorSort = (typeof DONOR_SORTS)[number];

/** A donor has lapsed when no gift of theirs that counts was paid in the last 12 months. */
export const LAPSED_AFTER_MONTHS = 12;

export interface DonorFilter {
  /** Part of the donor's email or name, matched case-insensitively; a whole address matches that donor only. */
  search?: string;
  sort: DonorSort;
  /** For `lifetime`: the currency whose lifetime giving orders the list (currencies are never added together). */
  currency: string;
  /** Only donors with a monthly or yearly gift Stripe will charge again. */
  recurring: boolean;
  /** Only donors who gave before but not in the last 12 months. */
  lapsed: boolean;
  /** Only donors whose address is a confirmed newsletter subscriber. */
  subscribed: boolean;
}

export interface DonorGiving {
  currency: string;
  /** Net of refunds and lost disputes, in minor units. */
  amount: number;
}

export interface DonorListRow {
  id: string;
  email: string | null;
  name: string | null;
  /** Gifts that count (not voided, not fully refunded, no dispute lost). */
  keptGifts: number;
  firstGiftAt: Date | null;
  lastGiftAt: Date | null;
  /** Lifetime giving, one entry per currency, largest first. */
  giving: DonorGiving[];
}

export interface DonorListPage {
  donors: DonorListRow[];
  /** The cursor of the next page, if there is one. */
  nextCursor: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function first(value: string | string[] | undefined): string | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  return single?.trim() || undefined;
}

/** The list's filter from a page's search params; anything malformed falls back to the default. */
export function parseDonorFilter(params: SearchParams, defaultCurrency: string): DonorFilter {
  const search = first(params.q)
    ?.replace(/[\u0000-\u001f\u007f]/g, "")
    .slice(0, DONOR_SEARCH_MAX_LENGTH)
    .trim();
  // "lifetime-USD": lifetime giving in one currency (one choice of the form's one Sort select).
  const sortParam = first(params.sort) ?? "";
  const lifetime = /^lifetime-([A-Za-z]{3})$/.exec(sortParam);
  const flag = (name: string) => first(params[name]) === "1";
  return {
    search: search || undefined,
    sort: lifetime ? "lifetime" : (DONOR_SORTS.find((sort) => sort === sortParam) ?? "last-gift"),
    currency: lifetime ? lifetime[1]!.toUpperCase() : defaultCurrency,
    recurring: flag("recurring"),
    lapsed: flag("lapsed"),
    subscribed: flag("subscribed"),
  };
}

/** The Sort select's value for a filter. */
export function sortValue(filter: Pick<DonorFilter, "sort" | "currency">): string {
  return filter.sort === "lifetime" ? `lifetime-${filter.currency}` : filter.sort;
}

/** The filter as query parameters (for page links and the form). */
export function donorFilterQuery(filter: DonorFilter): URLSearchParams {
  const query = new URLSearchParams();
  if (filter.search) query.set("q", filter.search);
  query.set("sort", sortValue(filter));
  if (filter.recurring) query.set("recurring", "1");
  if (filter.lapsed) query.set("lapsed", "1");
  if (filter.subscribed) query.set("subscribed", "1");
  return query;
}

/** The currencies donors have given in, most donors first (the sort's currency choices). */
export async function donorCurrencies(db: Database): Promise<string[]> {
  const rows = (await db.execute(sql`select currency from ledger_currency_totals group by currency order by sum(donor_count) desc, currency`)) as unknown as {
    rows: { currency: string }[];
  };
  return rows.rows.map((row) => row.currency);
}

const WHOLE_ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const LAST_KEY = sql.raw(`coalesce(d.last_gift_at, '-infinity'::timestamptz)`);
const FIRST_KEY = sql.raw(`coalesce(d.first_gift_at, 'infinity'::timestamptz)`);

function conditions(filter: DonorFilter, now: Date): SQL[] {
  const where: SQL[] = [];
  if (filter.search && WHOLE_ADDRESS.test(filter.search)) {
    // A whole address (pasted from an email) is that donor: the unique index finds it at once,
    // where a substring match would read the trigram lists every address shares ("@gmail.com").
    where.push(sql`d.email = ${emailIdentity(filter.search)}`);
  } else if (filter.search) {
    const pattern = containsPattern(filter.search);
    where.push(sql`(d.email ilike ${pattern} or d.name ilike ${pattern})`);
  }
  if (filter.recurring) where.push(sql`exists (select 1 from recurring_gifts r where r.donor_id = d.id and ${sql.raw(WILL_CHARGE_AGAIN_SQL)})`);
  if (filter.lapsed) {
    const cutoff = new Date(now);
    cutoff.setUTCMonth(cutoff.getUTCMonth() - LAPSED_AFTER_MONTHS);
    // Written on the sort key too, so the last-gift order starts its index scan at the cutoff.
    where.push(sql`d.last_gift_at is not null and ${LAST_KEY} < ${cutoff.toISOString()}::timestamptz`);
  }
  if (filter.subscribed) where.push(sql`exists (select 1 from subscribers s where lower(s.email) = d.email and s.status = 'confirmed')`);
  return where;
}

const and = (parts: SQL[]) => (parts.length === 0 ? sql`true` : sql.join(parts, sql` and `));

export async function listDonors(db: Database, filter: DonorFilter, page: { after?: string; limit?: number; now?: Date } = {}): Promise<DonorListPage> {
  const limit = Math.min(Math.max(page.limit ?? 25, 1), 200);
  const after = page.after && UUID.test(page.after) ? page.after : undefined;
  const where = conditions(filter, page.now ?? new Date());
  let query: SQL;
  if (filter.sort === "lifetime") {
    if (after)
      where.push(
        sql`(l.net_amount, l.donor_id) < (select c.net_amount, c.donor_id from ledger_currency_donors c where c.currency = ${filter.currency} and c.donor_id = ${after})`,
      );
    query = sql`select d.id, d.email, d.name, d.kept_gifts, d.first_gift_at, d.last_gift_at
      from ledger_currency_donors l join donors d on d.id = l.donor_id
      where l.currency = ${filter.currency} and ${and(where)}
      order by l.net_amount desc, l.donor_id desc limit ${limit + 1}`;
  } else {
    const newestFirst = filter.sort === "last-gift";
    const key = newestFirst ? LAST_KEY : FIRST_KEY;
    const cursorKey = sql.raw(newestFirst ? `coalesce(c.last_gift_at, '-infinity'::timestamptz)` : `coalesce(c.first_gift_at, 'infinity'::timestamptz)`);
    if (after) where.push(sql`(${key}, d.id) ${sql.raw(newestFirst ? "<" : ">")} (select ${cursorKey}, c.id from donors c where c.id = ${after})`);
    const direction = sql.raw(newestFirst ? "desc" : "asc");
    query = sql`select d.id, d.email, d.name, d.kept_gifts, d.first_gift_at, d.last_gift_at from donors d
      where ${and(where)} order by ${key} ${direction}, d.id ${direction} limit ${limit + 1}`;
  }
  type Row = {
    id: string;
    email: string | null;
    name: string | null;
    kept_gifts: number;
    first_gift_at: string | Date | null;
    last_gift_at: string | Date | null;
  };
  const rows = ((await db.execute(query)) as unknown as { rows: Row[] }).rows;
  const pageRows = rows.slice(0, limit);
  const giving = await givingOf(
    db,
    pageRows.map((row) => row.id),
  );
  const date = (value: string | Date | null) => (value === null ? null : new Date(value));
  return {
    donors: pageRows.map((row) => ({
      id: row.id,
      email: row.email,
      name: row.name,
      keptGifts: Number(row.kept_gifts),
      firstGiftAt: date(row.first_gift_at),
      lastGiftAt: date(row.last_gift_at),
      giving: giving.get(row.id) ?? [],
    })),
    nextCursor: rows.length > limit ? (pageRows.at(-1)?.id ?? null) : null,
  };
}

/** Lifetime giving per currency of some donors (never added across currencies), largest first. */
export async function givingOf(db: Database, donorIds: string[]): Promise<Map<string, DonorGiving[]>> {
  const byDonor = new Map<string, DonorGiving[]>();
  if (donorIds.length === 0) return byDonor;
  const rows = (
    (await db.execute(sql`
      select donor_id, currency, net_amount from ledger_currency_donors
      where donor_id = any(${`{${donorIds.join(",")}}`}::uuid[]) and net_amount <> 0
      order by net_amount desc, currency`)) as unknown as { rows: { donor_id: string; currency: string; net_amount: string | number }[] }
  ).rows;
  for (const row of rows) {
    const list = byDonor.get(row.donor_id) ?? [];
    list.push({ currency: row.currency, amount: Number(row.net_amount) });
    byDonor.set(row.donor_id, list);
  }
  return byDonor;
}
