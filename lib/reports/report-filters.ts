import { z } from "zod";

/**
 * Filters of the admin's reports, read from a page's search params (or an export's query
 * string). Dates are calendar days in UTC, both ends inclusive. Anything malformed falls back
 * to the default rather than failing the page; the form shows what was applied.
 */
export const GRANULARITIES = ["day", "week"] as const;
export type Granularity = (typeof GRANULARITIES)[number];
export const GIFT_KINDS = ["one_off", "recurring"] as const;
export type GiftKind = (typeof GIFT_KINDS)[number];

const DAY_MS = 86_400_000;
/** The chart draws at most this many bars. */
export const MAX_BUCKETS = 400;

export interface DateRange {
  /** First day, YYYY-MM-DD (UTC). */
  from: string;
  /** Last day, YYYY-MM-DD (UTC), inclusive. */
  to: string;
}

export interface GiftFilter {
  campaignId?: string;
  kind?: GiftKind;
  range?: DateRange;
  /** Part of the donor's email or name, matched case-insensitively. */
  donorSearch?: string;
  /** Where the gift was given: on Lantern's own pages, through any embedded widget, or one embedding site (its origin). */
  via?: "site" | "embed" | { origin: string };
}

/** Longer searches are cut: nobody types more, and the pattern stays cheap. */
export const DONOR_SEARCH_MAX_LENGTH = 100;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && toIsoDay(new Date(`${value}T00:00:00Z`)) === value);

export function toIsoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return toIsoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/** [start, end) instants of a range: from midnight UTC of `from` to midnight after `to`. */
export function rangeBounds(range: DateRange): { start: Date; end: Date } {
  return { start: new Date(`${range.from}T00:00:00Z`), end: new Date(`${addDays(range.to, 1)}T00:00:00Z`) };
}

function first(value: string | string[] | undefined): string | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  return single?.trim() || undefined;
}

export type SearchParams = Record<string, string | string[] | undefined>;

function parseDay(value: string | undefined): string | undefined {
  return value && isoDay.safeParse(value).success ? value : undefined;
}

/**
 * A range from `from`/`to` params. Missing ends default to the last `defaultDays` days up to
 * `today`; reversed ends are swapped.
 */
export function parseDateRange(params: SearchParams, today: Date, defaultDays = 30): DateRange {
  const to = parseDay(first(params.to)) ?? toIsoDay(today);
  const from = parseDay(first(params.from)) ?? addDays(to, -(defaultDays - 1));
  return from <= to ? { from, to } : { from: to, to: from };
}

/** An optional range: only when at least one end is given (exports of "everything" are allowed). */
export function parseOptionalDateRange(params: SearchParams): DateRange | undefined {
  const from = parseDay(first(params.from));
  const to = parseDay(first(params.to));
  if (!from && !to) return undefined;
  const start = from ?? "2000-01-01";
  const end = to ?? "9999-12-30";
  return start <= end ? { from: start, to: end } : { from: end, to: start };
}

const uuid = z.uuid();

export function parseGiftFilter(params: SearchParams): GiftFilter {
  const campaign = first(params.campaign);
  const kind = first(params.kind);
  // Control characters match no name or email, and PostgreSQL refuses a NUL in text outright.
  const donorSearch = first(params.q)
    ?.replace(/[\u0000-\u001f\u007f]/g, "")
    .slice(0, DONOR_SEARCH_MAX_LENGTH)
    .trim();
  return {
    campaignId: campaign && uuid.safeParse(campaign).success ? campaign : undefined,
    kind: GIFT_KINDS.find((k) => k === kind),
    range: parseOptionalDateRange(params),
    donorSearch: donorSearch || undefined,
    via: parseVia(first(params.via)),
  };
}

function parseVia(value: string | undefined): GiftFilter["via"] {
  if (value === "site" || value === "embed") return value;
  if (!value || value.length > 200) return undefined;
  try {
    return new URL(value).origin === value ? { origin: value } : undefined;
  } catch {
    return undefined;
  }
}

/** A filter's `via` as its query value. */
export function viaParam(via: GiftFilter["via"]): string | undefined {
  return via === undefined ? undefined : typeof via === "string" ? via : via.origin;
}

/** Day buckets for short ranges, weeks once days would not fit. */
export function parseGranularity(params: SearchParams, range: DateRange): Granularity {
  const requested = GRANULARITIES.find((g) => g === first(params.granularity));
  const days = (Date.parse(range.to) - Date.parse(range.from)) / DAY_MS + 1;
  if (requested === "day" && days <= MAX_BUCKETS) return "day";
  if (requested === "week" || days > MAX_BUCKETS) return "week";
  return days > 92 ? "week" : "day";
}

/** Caps a range so the chart never has more than MAX_BUCKETS bars (keeps its end). */
export function capRange(range: DateRange, granularity: Granularity): DateRange {
  const maxDays = granularity === "day" ? MAX_BUCKETS : MAX_BUCKETS * 7;
  const earliest = addDays(range.to, -(maxDays - 1));
  return range.from < earliest ? { from: earliest, to: range.to } : range;
}

export function parseCurrency(params: SearchParams): string | undefined {
  const currency = first(params.currency)?.toUpperCase();
  return currency && /^[A-Z]{3}$/.test(currency) ? currency : undefined;
}
