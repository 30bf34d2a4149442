import { sql } from "drizzle-orm";
import type { Database } from "@/db/database";
import { ACTIVE_MONTHLY_SQL, ACTIVE_YEARLY_SQL } from "./will-charge-again";
import { COUNTED_GIFTS_SQL, FEE_SQL, KEPT_SQL, LOST_SQL, NET_SQL } from "./ledger-sql";

/** One figure where the maintained ledger and the gift rows disagree. */
export interface LedgerDifference {
  table: string;
  key: string;
  figure: string;
  ledger: number;
  gifts: number;
}

type Row = Record<string, string | number | null>;

async function rows(db: Database, query: string): Promise<Row[]> {
  return ((await db.execute(sql.raw(query))) as unknown as { rows: Row[] }).rows;
}

/** Compares two keyed row sets figure by figure; a key missing on one side counts as zeros there. */
function compare(table: string, keyColumns: string[], figures: string[], ledger: Row[], gifts: Row[]): LedgerDifference[] {
  const keyOf = (row: Row) => keyColumns.map((column) => String(row[column])).join(" ");
  const byKey = new Map<string, { ledger?: Row; gifts?: Row }>();
  for (const row of ledger) byKey.set(keyOf(row), { ledger: row });
  for (const row of gifts) byKey.set(keyOf(row), { ...byKey.get(keyOf(row)), gifts: row });
  const differences: LedgerDifference[] = [];
  for (const [key, pair] of byKey) {
    for (const figure of figures) {
      const kept = Number(pair.ledger?.[figure] ?? 0);
      const computed = Number(pair.gifts?.[figure] ?? 0);
      if (kept !== computed) differences.push({ table, key, figure, ledger: kept, gifts: computed });
    }
  }
  return differences;
}

const CAMPAIGN_FIGURES = [
  "gross_amount",
  "refunded_amount",
  "dispute_lost_amount",
  "net_amount",
  "fee_amount",
  "gift_count",
  "one_off_amount",
  "one_off_count",
  "monthly_amount",
  "monthly_count",
  "donor_count",
  "active_monthly_donors",
  "monthly_recurring_revenue",
  "active_yearly_gifts",
  "yearly_recurring_amount",
];

/**
 * Checks each gift's refunded amount against its refunds (gift_refunds), then recomputes every
 * maintained figure straight from the gift and monthly-gift rows (count
 * distinct for donors, not the ledger's donor tables) and returns every disagreement.
 * Empty means the ledger is exactly right.
 */
export async function verifyLedger(db: Database): Promise<LedgerDifference[]> {
  const sums = CAMPAIGN_FIGURES.map((figure) => `sum(${figure}) as ${figure}`).join(", ");
  const campaignLedger = await rows(db, `select campaign_id, currency, ${sums} from ledger_campaign_totals group by 1, 2`);
  const campaignGifts = await rows(
    db,
    // The keys come last: g.* repeats campaign_id and currency (null for a campaign with only monthly gifts), and the last column of a name wins.
    `select g.*, r.active_monthly_donors, r.monthly_recurring_revenue, r.active_yearly_gifts, r.yearly_recurring_amount,
      coalesce(g.campaign_id, r.campaign_id) as campaign_id, coalesce(g.currency, r.currency) as currency
    from (
      select campaign_id, currency, sum(amount) as gross_amount, sum(refunded_amount) as refunded_amount, sum(${LOST_SQL}) as dispute_lost_amount,
        sum(${NET_SQL}) as net_amount, sum(${FEE_SQL}) as fee_amount, count(*) filter (where ${KEPT_SQL}) as gift_count,
        sum(${NET_SQL}) filter (where kind = 'one_off') as one_off_amount, count(*) filter (where kind = 'one_off' and ${KEPT_SQL}) as one_off_count,
        sum(${NET_SQL}) filter (where kind = 'recurring') as monthly_amount, count(*) filter (where kind = 'recurring' and ${KEPT_SQL}) as monthly_count,
        count(distinct donor_id) filter (where ${KEPT_SQL}) as donor_count
      from ${COUNTED_GIFTS_SQL} group by 1, 2
    ) as g
    full join (
      select campaign_id, currency, count(distinct donor_id) filter (where ${ACTIVE_MONTHLY_SQL}) as active_monthly_donors,
        coalesce(sum(amount) filter (where ${ACTIVE_MONTHLY_SQL}), 0) as monthly_recurring_revenue,
        count(*) filter (where ${ACTIVE_YEARLY_SQL}) as active_yearly_gifts, coalesce(sum(amount) filter (where ${ACTIVE_YEARLY_SQL}), 0) as yearly_recurring_amount
      from recurring_gifts where ${ACTIVE_MONTHLY_SQL} or ${ACTIVE_YEARLY_SQL} group by 1, 2
    ) as r on r.campaign_id = g.campaign_id and r.currency = g.currency`,
  );
  const currencyLedger = await rows(
    db,
    `select currency, sum(donor_count) as donor_count, sum(active_monthly_donors) as active_monthly_donors from ledger_currency_totals group by 1`,
  );
  const currencyGifts = await rows(
    db,
    `select coalesce(g.currency, r.currency) as currency, g.donor_count, r.active_monthly_donors
    from (select currency, count(distinct donor_id) filter (where ${KEPT_SQL}) as donor_count from ${COUNTED_GIFTS_SQL} group by 1) as g
    full join (select currency, count(distinct donor_id) as active_monthly_donors from recurring_gifts where ${ACTIVE_MONTHLY_SQL} group by 1) as r on r.currency = g.currency`,
  );
  const dailyLedger = await rows(
    db,
    `select campaign_id, currency, day::text as day, sum(gift_count) as gift_count, sum(net_amount) as net_amount from ledger_daily_totals group by 1, 2, 3`,
  );
  const dailyGifts = await rows(
    db,
    `select campaign_id, currency, (paid_at at time zone 'UTC')::date::text as day, count(*) filter (where ${KEPT_SQL}) as gift_count, sum(${NET_SQL}) as net_amount
    from ${COUNTED_GIFTS_SQL} group by 1, 2, 3`,
  );
  // Each gift's refunded amount is the sum of its refunds still standing (not failed or
  // canceled), capped at the gift (lib/donations/gift-refunds.ts): a refund that failed counts again.
  const refundGifts = await rows(
    db,
    `select id, refunded_amount from donations where refunded_amount > 0 or exists (select 1 from gift_refunds r where r.donation_id = donations.id)`,
  );
  const refundRows = await rows(
    db,
    `select d.id, least(d.amount, coalesce(sum(r.amount) filter (where r.status not in ('failed', 'canceled')), 0)) as refunded_amount
    from donations d join gift_refunds r on r.donation_id = d.id group by d.id, d.amount`,
  );
  // Each gift's fee is its payment's, its refunds' and its disputes' (lib/donations/gift-fees.ts).
  const feeGifts = await rows(db, `select id, fee_amount from donations where fee_amount <> 0 or processing_fee_amount is not null`);
  const feeRows = await rows(
    db,
    `select d.id, coalesce(d.processing_fee_amount, 0)
      + coalesce((select sum(r.fee_amount) from gift_refunds r where r.donation_id = d.id), 0)
      + coalesce((select sum(p.fee_amount) from payment_disputes p where p.stripe_charge_id = d.stripe_charge_id or p.stripe_payment_intent_id = d.stripe_payment_intent_id), 0) as fee_amount
    from donations d where d.fee_amount <> 0 or d.processing_fee_amount is not null
      or exists (select 1 from gift_refunds r where r.donation_id = d.id and r.fee_amount <> 0)
      or exists (select 1 from payment_disputes p where p.fee_amount <> 0 and (p.stripe_charge_id = d.stripe_charge_id or p.stripe_payment_intent_id = d.stripe_payment_intent_id))`,
  );
  // A sponsor's match: what it has used is what its gifts hold (lib/donations/gift-match.ts).
  const matchLedger = await rows(db, `select id, used_amount from campaign_matches`);
  const matchGifts = await rows(db, `select match_id as id, sum(matched_amount) as used_amount from donations where match_id is not null group by 1`);
  // Each donor's lifetime giving per currency, and their counted gifts with the first and last (the admin's donor list).
  const donorNetLedger = await rows(db, `select currency, donor_id, net_amount from ledger_currency_donors where net_amount <> 0`);
  const donorNetGifts = await rows(db, `select currency, donor_id, sum(${NET_SQL}) as net_amount from ${COUNTED_GIFTS_SQL} group by 1, 2`);
  const epoch = (column: string) => `coalesce(extract(epoch from ${column}) * 1000000, 0)::bigint`;
  const donorLedger = await rows(
    db,
    `select id, kept_gifts, ${epoch("first_gift_at")} as first_gift_at, ${epoch("last_gift_at")} as last_gift_at from donors where kept_gifts <> 0 or last_gift_at is not null or first_gift_at is not null`,
  );
  const donorGifts = await rows(
    db,
    `select donor_id as id, count(*) as kept_gifts, ${epoch("min(paid_at)")} as first_gift_at, ${epoch("max(paid_at)")} as last_gift_at
    from ${COUNTED_GIFTS_SQL} where ${KEPT_SQL} group by 1`,
  );
  return [
    ...compare("ledger_currency_donors (net_amount)", ["currency", "donor_id"], ["net_amount"], donorNetLedger, donorNetGifts),
    ...compare("donors (kept_gifts, first and last gift)", ["id"], ["kept_gifts", "first_gift_at", "last_gift_at"], donorLedger, donorGifts),
    ...compare("campaign_matches (used_amount vs gifts' matched_amount)", ["id"], ["used_amount"], matchLedger, matchGifts),
    ...compare("donations (fee_amount vs payment, refund and dispute fees)", ["id"], ["fee_amount"], feeGifts, feeRows),
    ...compare("donations (refunded_amount vs gift_refunds)", ["id"], ["refunded_amount"], refundGifts, refundRows),
    ...compare("ledger_campaign_totals", ["campaign_id", "currency"], CAMPAIGN_FIGURES, campaignLedger, campaignGifts),
    ...compare("ledger_currency_totals", ["currency"], ["donor_count", "active_monthly_donors"], currencyLedger, currencyGifts),
    ...compare("ledger_daily_totals", ["campaign_id", "currency", "day"], ["gift_count", "net_amount"], dailyLedger, dailyGifts),
  ];
}

export function formatDifferences(differences: LedgerDifference[], limit = 50): string {
  const lines = differences.slice(0, limit).map((d) => `  ${d.table} [${d.key}] ${d.figure}: ledger ${d.ledger}, gifts ${d.gifts}`);
  if (differences.length > limit) lines.push(`  … and ${differences.length - limit} more`);
  return lines.join("\n");
}
