import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/database";
import { COUNTED_GIFTS_SQL, KEPT_SQL } from "./ledger-sql";
import { figuresDelta, giftFigures, isActiveRecurring, isZero, type GiftRowState, type RecurringGiftRowState } from "./gift-figures";

/**
 * The only writer of the ledger tables (db/schema.ts, "Ledger"). Called inside the transaction
 * that writes the gift or monthly gift row, after that row is written or locked, so the totals
 * commit or roll back with it. Each statement adds a difference (never reads then writes), so
 * concurrent transactions on one campaign compose; counter rows are striped per connection.
 */
export const LEDGER_STRIPES = 8;
const stripe = sql.raw(`(pg_backend_pid() % ${LEDGER_STRIPES})::smallint`);

/** Where a gift row sits in the ledger (fixed for the row's life). */
export interface GiftPlace {
  campaignId: string;
  currency: string;
  donorId: string;
  paidAt: Date;
}

type Rows<T> = { rows: T[] };

/** Adds to a donor's per-campaign and per-currency counters; returns how each donor count changes (−1, 0, +1). */
async function addToDonorCounters(
  tx: Executor,
  place: { campaignId: string; currency: string; donorId: string },
  column: "kept_gifts" | "active_monthly_gifts",
  delta: number,
): Promise<{ campaign: number; currency: number }> {
  if (delta === 0) return { campaign: 0, currency: 0 };
  const counter = sql.raw(column);
  const transition = (after: number) => Number(after > 0) - Number(after - delta > 0);
  const campaignRow = (await tx.execute(sql`
    insert into ledger_campaign_donors (campaign_id, currency, donor_id, ${counter})
    values (${place.campaignId}, ${place.currency}, ${place.donorId}, ${delta})
    on conflict (campaign_id, currency, donor_id) do update set ${counter} = ledger_campaign_donors.${counter} + excluded.${counter}
    returning ${counter} as after`)) as unknown as Rows<{ after: number }>;
  const currencyRow = (await tx.execute(sql`
    insert into ledger_currency_donors (currency, donor_id, ${counter})
    values (${place.currency}, ${place.donorId}, ${delta})
    on conflict (currency, donor_id) do update set ${counter} = ledger_currency_donors.${counter} + excluded.${counter}
    returning ${counter} as after`)) as unknown as Rows<{ after: number }>;
  return { campaign: transition(Number(campaignRow.rows[0]!.after)), currency: transition(Number(currencyRow.rows[0]!.after)) };
}

async function addToTotals(
  tx: Executor,
  campaignId: string,
  currency: string,
  add: Partial<
    Record<
      | "gross_amount"
      | "refunded_amount"
      | "dispute_lost_amount"
      | "net_amount"
      | "fee_amount"
      | "gift_count"
      | "one_off_amount"
      | "one_off_count"
      | "monthly_amount"
      | "monthly_count"
      | "donor_count"
      | "active_monthly_donors"
      | "monthly_recurring_revenue"
      | "active_yearly_gifts"
      | "yearly_recurring_amount",
      number
    >
  >,
): Promise<void> {
  const entries = Object.entries(add).filter(([, value]) => value !== 0) as [string, number][];
  if (entries.length === 0) return;
  const columns = sql.join(
    entries.map(([column]) => sql.raw(column)),
    sql`, `,
  );
  const values = sql.join(
    entries.map(([, value]) => sql`${value}`),
    sql`, `,
  );
  const sets = sql.join(
    entries.map(([column]) => sql.raw(`${column} = ledger_campaign_totals.${column} + excluded.${column}`)),
    sql`, `,
  );
  await tx.execute(sql`
    insert into ledger_campaign_totals (campaign_id, currency, stripe, ${columns})
    values (${campaignId}, ${currency}, ${stripe}, ${values})
    on conflict (campaign_id, currency, stripe) do update set ${sets}`);
}

async function addToCurrencyTotals(tx: Executor, currency: string, column: "donor_count" | "active_monthly_donors", delta: number): Promise<void> {
  if (delta === 0) return;
  const counter = sql.raw(column);
  await tx.execute(sql`
    insert into ledger_currency_totals (currency, stripe, ${counter}) values (${currency}, ${stripe}, ${delta})
    on conflict (currency, stripe) do update set ${counter} = ledger_currency_totals.${counter} + excluded.${counter}`);
}

/**
 * The donor's own part (the admin's donor list): lifetime giving per currency
 * (ledger_currency_donors.net_amount, a difference like every counter) and, on the donors row,
 * how many gifts count and the first and last of them. A gift that starts counting can only
 * widen the dates (least/greatest: order-free). A gift that stops counting may have been the
 * first or last, so the dates (only the dates: the count moves by its difference, as a correction
 * moves a gift out of one place and into another) are read again from the donor's gift rows — the one read-then-write
 * here, made safe by the donor's row lock (applyGiftChange): another change to the same donor's
 * gifts waits for this commit, then computes from it. The callers write the gift row before this.
 */
async function addToDonorGiving(tx: Executor, place: GiftPlace, netDelta: number, giftDelta: number): Promise<void> {
  if (netDelta !== 0) {
    await tx.execute(sql`
      insert into ledger_currency_donors (currency, donor_id, net_amount) values (${place.currency}, ${place.donorId}, ${netDelta})
      on conflict (currency, donor_id) do update set net_amount = ledger_currency_donors.net_amount + excluded.net_amount`);
  }
  if (giftDelta > 0) {
    const paidAt = place.paidAt.toISOString();
    await tx.execute(sql`
      update donors set kept_gifts = kept_gifts + ${giftDelta},
        first_gift_at = least(first_gift_at, ${paidAt}::timestamptz), last_gift_at = greatest(last_gift_at, ${paidAt}::timestamptz)
      where id = ${place.donorId}`);
  } else if (giftDelta < 0) {
    // applyGiftChange locked the donor first; this second statement sees every gift committed while it waited.
    await tx.execute(sql`
      update donors set kept_gifts = kept_gifts + ${giftDelta}, first_gift_at = g.first_at, last_gift_at = g.last_at
      from (select min(paid_at) as first_at, max(paid_at) as last_at
        from ${sql.raw(COUNTED_GIFTS_SQL)} where donor_id = ${place.donorId} and ${sql.raw(KEPT_SQL)}) as g
      where donors.id = ${place.donorId}`);
  }
}

/**
 * Records that a gift row went from `before` to `after` (null: the row did not exist). The
 * caller holds the row (just inserted, or selected for update), so no other transaction
 * computes a difference from the same `before`.
 */
export async function applyGiftChange(tx: Executor, place: GiftPlace, before: GiftRowState | null, after: GiftRowState | null): Promise<void> {
  const delta = figuresDelta(giftFigures(before), giftFigures(after));
  if (isZero(delta)) return;
  // The donor row first, before any ledger row: one donor's gifts, refunds and disputes take turns
  // on it (addToDonorGiving reads their gift rows), always in the order gift → donor → ledger, so
  // they cannot deadlock. NO KEY UPDATE: inserts that only reference the donor are not held up.
  if (delta.giftCount !== 0 || delta.netAmount !== 0) await tx.execute(sql`select id from donors where id = ${place.donorId} for no key update`);
  const donors = await addToDonorCounters(tx, place, "kept_gifts", delta.giftCount);
  await addToTotals(tx, place.campaignId, place.currency, {
    gross_amount: delta.grossAmount,
    refunded_amount: delta.refundedAmount,
    dispute_lost_amount: delta.disputeLostAmount,
    net_amount: delta.netAmount,
    fee_amount: delta.feeAmount,
    gift_count: delta.giftCount,
    one_off_amount: delta.oneOffAmount,
    one_off_count: delta.oneOffCount,
    monthly_amount: delta.monthlyAmount,
    monthly_count: delta.monthlyCount,
    donor_count: donors.campaign,
  });
  await addToCurrencyTotals(tx, place.currency, "donor_count", donors.currency);
  await addToDonorGiving(tx, place, delta.netAmount, delta.giftCount);
  if (delta.giftCount !== 0 || delta.netAmount !== 0) {
    await tx.execute(sql`
      insert into ledger_daily_totals (campaign_id, currency, day, stripe, gift_count, net_amount)
      values (${place.campaignId}, ${place.currency}, (${place.paidAt.toISOString()}::timestamptz at time zone 'UTC')::date, ${stripe}, ${delta.giftCount}, ${delta.netAmount})
      on conflict (campaign_id, currency, day, stripe) do update set
        gift_count = ledger_daily_totals.gift_count + excluded.gift_count,
        net_amount = ledger_daily_totals.net_amount + excluded.net_amount`);
  }
}

/**
 * Records that a recurring gift went from `before` to `after`: a monthly gift's part in MRR and
 * active monthly donors, a yearly gift's in the yearly gifts (count and yearly amount). A gift
 * keeps its interval for life (Lantern changes only the amount), but the rule holds either way.
 */
export async function applyRecurringGiftChange(tx: Executor, before: RecurringGiftRowState | null, after: RecurringGiftRowState | null): Promise<void> {
  const yearly = (gift: RecurringGiftRowState | null) => (gift && gift.interval === "year" && isActiveRecurring(gift) ? gift : null);
  const wasYearly = yearly(before);
  const isYearly = yearly(after);
  for (const [gift, sign] of [
    [wasYearly, -1],
    [isYearly, 1],
  ] as const) {
    if (gift) await addToTotals(tx, gift.campaignId, gift.currency, { active_yearly_gifts: sign, yearly_recurring_amount: sign * gift.amount });
  }
  const monthly = (gift: RecurringGiftRowState | null) => (gift && gift.interval !== "year" && isActiveRecurring(gift) ? gift : null);
  const was = monthly(before);
  const is = monthly(after);
  const samePlace = was && is && was.campaignId === is.campaignId && was.currency === is.currency && was.donorId === is.donorId;
  if (samePlace) {
    await addToTotals(tx, is.campaignId, is.currency, { monthly_recurring_revenue: is.amount - was.amount });
    return;
  }
  for (const [gift, sign] of [
    [was, -1],
    [is, 1],
  ] as const) {
    if (!gift) continue;
    const donors = await addToDonorCounters(tx, gift, "active_monthly_gifts", sign);
    await addToTotals(tx, gift.campaignId, gift.currency, { monthly_recurring_revenue: sign * gift.amount, active_monthly_donors: donors.campaign });
    await addToCurrencyTotals(tx, gift.currency, "active_monthly_donors", donors.currency);
  }
}
