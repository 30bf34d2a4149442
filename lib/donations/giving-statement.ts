import "server-only";
import { and, asc, count, eq, exists, gt, gte, inArray, like, lt, max, min, sql } from "drizzle-orm";
import { campaigns, donations, donors, recurringGifts, sentEmails } from "@/db/schema";
import type { Database } from "@/db/database";
import { deliverQueuedEmails, queueEmail, queueEmails, type QueuedEmail } from "@/lib/email/outbox";
import { giftFigures } from "@/lib/ledger/gift-figures";
import { formatMoney } from "@/lib/money/money";
import { receiptIssuer } from "@/lib/organisation/organisation";
import { emailIdentity } from "@/lib/identity/email-identity";
import { formatGiftDate } from "./gift-wording";
import { knownDonorEmail } from "./donors";
import { receiptMethodLabel, type GiftMethod } from "./gift-methods";

/*
 * Annual giving statements: one email per donor (one email address, lib/identity/email-identity.ts)
 * listing every gift of a calendar year (UTC) with totals per currency and the receipts' tax
 * wording and organisation details (receiptIssuer: ORG_TAX_STATEMENT and the other ORG_* settings). What a gift counts for is the ledger's own rule (giftFigures): the
 * amount less refunds, and nothing once a dispute was lost. Gifts refunded in full or lost to a
 * dispute are left out; a partly refunded gift is listed at what was kept, with a note.
 *
 * Sending is idempotent per donor and year: the outbox key `giving-statement:<year>:<email>` is
 * queued once, ever (bulk priority: the worker sends them in batches behind receipts, and the
 * queue survives restarts). A donor asking for their own statement gets a copy under another
 * key, at most one per year and day.
 */

export interface StatementGift {
  paidAt: Date;
  campaignTitle: string;
  currency: string;
  /** Charged, fee cover included, in minor units. */
  amount: number;
  refundedAmount: number;
  /** What the organisation kept: counts toward the totals. */
  keptAmount: number;
  /** How it was paid: a gift received offline says so on the statement. */
  method: GiftMethod;
  /** A payment of a yearly gift (the statement notes it). */
  yearly?: boolean;
}

export interface GivingStatement {
  email: string;
  donorName: string | null;
  year: number;
  gifts: StatementGift[];
  /** Per currency, alphabetical. */
  totals: { currency: string; amount: number }[];
}

export const FIRST_STATEMENT_YEAR = 2000;

/** A calendar year a statement can be for: not in the future. */
export function isStatementYear(year: number, now: Date = new Date()): boolean {
  return Number.isInteger(year) && year >= FIRST_STATEMENT_YEAR && year <= now.getUTCFullYear();
}

function yearRange(year: number): { from: Date; to: Date } {
  return { from: new Date(Date.UTC(year, 0, 1)), to: new Date(Date.UTC(year + 1, 0, 1)) };
}

/** Gifts paid in `year` by the donors with these addresses, as statements (donors left with no kept gift have none). */
async function statementsFor(db: Database, year: number, emails: string[]): Promise<GivingStatement[]> {
  if (emails.length === 0) return [];
  const { from, to } = yearRange(year);
  const rows = await db
    .select({
      email: knownDonorEmail,
      donorName: donors.name,
      paidAt: donations.paidAt,
      campaignTitle: campaigns.title,
      currency: donations.currency,
      kind: donations.kind,
      amount: donations.amount,
      refundedAmount: donations.refundedAmount,
      disputeStatus: donations.disputeStatus,
      voided: sql<boolean>`${donations.voidedAt} is not null`,
      method: donations.method,
      interval: recurringGifts.interval,
    })
    .from(donations)
    .innerJoin(donors, eq(donors.id, donations.donorId))
    .innerJoin(campaigns, eq(campaigns.id, donations.campaignId))
    .leftJoin(recurringGifts, eq(recurringGifts.id, donations.recurringGiftId))
    .where(and(inArray(donors.email, emails), gte(donations.paidAt, from), lt(donations.paidAt, to)))
    .orderBy(asc(donors.email), asc(donations.paidAt), asc(donations.id));

  const byEmail = new Map<string, GivingStatement>();
  for (const row of rows) {
    const keptAmount = giftFigures(row).netAmount;
    if (keptAmount <= 0) continue;
    let statement = byEmail.get(row.email);
    if (!statement) {
      statement = { email: row.email, donorName: row.donorName, year, gifts: [], totals: [] };
      byEmail.set(row.email, statement);
    }
    statement.gifts.push({
      paidAt: row.paidAt,
      campaignTitle: row.campaignTitle,
      currency: row.currency,
      amount: row.amount,
      refundedAmount: row.refundedAmount,
      keptAmount,
      method: row.method,
      yearly: row.interval === "year",
    });
  }
  for (const statement of byEmail.values()) {
    const totals = new Map<string, number>();
    for (const gift of statement.gifts) totals.set(gift.currency, (totals.get(gift.currency) ?? 0) + gift.keptAmount);
    statement.totals = [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => ({ currency, amount }));
  }
  return [...byEmail.values()];
}

/** One donor's statement for `year`, or null when they kept no gift that year. */
export async function givingStatementFor(db: Database, email: string, year: number): Promise<GivingStatement | null> {
  const [statement] = await statementsFor(db, year, [emailIdentity(email)]);
  return statement ?? null;
}

/** The email a statement is sent as (amounts and dates formatted the way receipts have them). */
export function givingStatementEmail(statement: GivingStatement, idempotencyKey: string, priority: "transactional" | "bulk"): QueuedEmail<"giving-statement"> {
  const money = (amount: number, currency: string) => formatMoney(amount, currency, { showCents: true });
  return {
    idempotencyKey,
    template: "giving-statement",
    to: statement.email,
    priority,
    props: {
      ...receiptIssuer(),
      donorName: statement.donorName,
      year: statement.year,
      gifts: statement.gifts.map((gift) => ({
        date: formatGiftDate(gift.paidAt),
        campaignTitle: gift.campaignTitle,
        amount: money(gift.keptAmount, gift.currency),
        currency: gift.currency,
        // A yearly gift says so, and so does a gift received offline (how it was paid).
        note:
          [
            gift.yearly ? "Yearly gift" : null,
            receiptMethodLabel(gift.method) ? `Paid by: ${receiptMethodLabel(gift.method)}` : null,
            gift.refundedAmount > 0 ? `${money(gift.refundedAmount, gift.currency)} of ${money(gift.amount, gift.currency)} refunded` : null,
          ]
            .filter(Boolean)
            .join("; ") || null,
      })),
      totals: statement.totals.map((total) => ({ currency: total.currency, amount: money(total.amount, total.currency) })),
    },
  };
}

/** The outbox key of a donor's statement for a year: one per donor and year, ever. */
export function statementKey(year: number, email: string): string {
  return `giving-statement:${year}:${emailIdentity(email)}`;
}

export interface StatementRun {
  year: number;
  /** Donors with at least one kept gift that year. */
  donors: number;
  /** Statements queued by this run. */
  queued: number;
  /** Donors whose statement for the year had been queued before (sent, or still in the outbox). */
  alreadySent: number;
}

/**
 * Queues the statement of every donor who gave in `year`, a page of donors at a time (so a long
 * list never sits in memory or in one transaction). Safe to repeat, or to run twice at once: a
 * donor's key is queued once, and a run cut short is finished by the next.
 */
export async function sendGivingStatements(db: Database, year: number, options: { pageSize?: number } = {}): Promise<StatementRun> {
  const pageSize = options.pageSize ?? 200;
  const { from, to } = yearRange(year);
  const run: StatementRun = { year, donors: 0, queued: 0, alreadySent: 0 };
  let after = "";
  for (;;) {
    // Donors in address order (their unique index), each checked through donations_donor_idx:
    // every page costs the same however far down the list it is.
    const gaveThatYear = db
      .select({ one: sql`1` })
      .from(donations)
      .where(and(eq(donations.donorId, donors.id), gte(donations.paidAt, from), lt(donations.paidAt, to)));
    const page = await db
      .select({ email: knownDonorEmail })
      .from(donors)
      .where(and(gt(donors.email, after), exists(gaveThatYear)))
      .orderBy(asc(donors.email))
      .limit(pageSize);
    if (page.length === 0) return run;
    after = page[page.length - 1]!.email;
    const statements = await statementsFor(
      db,
      year,
      page.map((row) => row.email),
    );
    const queued = await queueEmails(
      db,
      statements.map((statement) => givingStatementEmail(statement, statementKey(year, statement.email), "bulk")),
    );
    run.donors += statements.length;
    run.queued += queued.size;
    run.alreadySent += statements.length - queued.size;
  }
}

export interface StatementYearSummary {
  year: number;
  /** Statements of the year in the outbox, by where they are. */
  sent: number;
  waiting: number;
  failed: number;
}

/** Years with gifts, newest first, and how their statements stand (for the admin page). */
export async function statementYears(db: Database, now: Date = new Date()): Promise<StatementYearSummary[]> {
  const [range] = await db.select({ first: min(donations.paidAt), last: max(donations.paidAt) }).from(donations);
  if (!range?.first || !range.last) return [];
  const firstYear = Math.max(new Date(range.first).getUTCFullYear(), FIRST_STATEMENT_YEAR);
  const lastYear = Math.min(new Date(range.last).getUTCFullYear(), now.getUTCFullYear());
  const years: StatementYearSummary[] = [];
  for (let year = lastYear; year >= firstYear; year--) {
    const rows = await db
      .select({ status: sentEmails.status, n: count() })
      .from(sentEmails)
      .where(like(sentEmails.idempotencyKey, `giving-statement:${year}:%`))
      .groupBy(sentEmails.status);
    const by = (statuses: string[]) => rows.filter((row) => statuses.includes(row.status)).reduce((sum, row) => sum + row.n, 0);
    years.push({ year, sent: by(["sent"]), waiting: by(["pending", "sending"]), failed: by(["failed", "skipped"]) });
  }
  return years;
}

export type OwnStatementResult = "sent" | "already-sent-today" | "no-gifts";

/**
 * A donor asks for their own statement (from the manage page, whose link proves the address):
 * sent at once, at most once per year asked for and day; "no-gifts" when they kept no gift then.
 */
export async function emailOwnGivingStatement(db: Database, email: string, year: number, now: Date = new Date()): Promise<OwnStatementResult> {
  const statement = await givingStatementFor(db, email, year);
  if (!statement) return "no-gifts";
  const key = `giving-statement-request:${year}:${statement.email}:${now.toISOString().slice(0, 10)}`;
  const queued = await queueEmail(db, givingStatementEmail(statement, key, "transactional"));
  if (!queued) return "already-sent-today";
  await deliverQueuedEmails(db, { keys: [key] });
  return "sent";
}

/**
 * For the donor's giving page, which knows the donor by id (its signed session): their
 * statement for `year`, sent at once (same rules as emailOwnGivingStatement).
 */
export async function emailGivingStatementToDonor(db: Database, donorId: string, year: number, now: Date = new Date()): Promise<OwnStatementResult> {
  const [donor] = await db.select({ email: donors.email }).from(donors).where(eq(donors.id, donorId)).limit(1);
  if (!donor?.email || !isStatementYear(year, now)) return "no-gifts";
  return emailOwnGivingStatement(db, donor.email, year, now);
}

/** The calendar years (UTC) in which a donor made a gift, newest first: the choices on their page. */
export async function donorGiftYears(db: Database, donorId: string): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: sql<number>`extract(year from ${donations.paidAt} at time zone 'UTC')::int` })
    .from(donations)
    .where(eq(donations.donorId, donorId));
  return rows.map((row) => Number(row.year)).sort((a, b) => b - a);
}

/** For tests and the admin page: how many statements of `year` the outbox holds. */
export async function countQueuedStatements(db: Database, year: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(sentEmails)
    .where(like(sentEmails.idempotencyKey, `giving-statement:${year}:%`));
  return row?.n ?? 0;
}
