import { ACTIVE_MONTHLY_SQL, ACTIVE_YEARLY_SQL } from "./will-charge-again";

/**
 * The ledger's figures written as SQL over the gift rows: what one donations row contributes
 * (the same rules as gift-figures.ts), and the statements that rebuild every ledger table from
 * scratch. The migration that introduced the ledger runs the same statements as its backfill
 * (db/migrations/0001_ledger_totals.sql); `npm run ledger:verify` compares the maintained rows
 * with these sums.
 */

/** Lost to a dispute: what was not refunded, when the dispute was lost. */
export const LOST_SQL = `case when dispute_status = 'lost' then amount - refunded_amount else 0 end`;
export const NET_SQL = `case when dispute_status = 'lost' then 0 else amount - refunded_amount end`;
/** Stripe's fees on the gift (payment, refunds, disputes); a voided offline gift is not counted at all. */
export const FEE_SQL = `fee_amount`;
export const KEPT_SQL = `(dispute_status is distinct from 'lost' and amount > refunded_amount)`;

/** The gift rows the ledger counts: every row but a voided offline gift (lib/donations/offline-gifts.ts). */
export const COUNTED_GIFTS_SQL = `(select * from donations where voided_at is null) as donations`;

/** Every donor's counted gifts and the first and last of them (donors.kept_gifts, first_gift_at, last_gift_at). */
export const DONOR_GIVING_SQL = `update donors set kept_gifts = coalesce(g.kept, 0), first_gift_at = g.first_at, last_gift_at = g.last_at
from donors as d left join (
  select donor_id, count(*)::int as kept, min(paid_at) as first_at, max(paid_at) as last_at from ${COUNTED_GIFTS_SQL} where ${KEPT_SQL} group by 1
) as g on g.donor_id = d.id
where donors.id = d.id and (donors.kept_gifts, donors.first_gift_at, donors.last_gift_at) is distinct from (coalesce(g.kept, 0), g.first_at, g.last_at)`;

/** Backfilled rows are spread over the stripes as live writes would be (by gift, deterministically). */
const STRIPE_OF_ROW = `0::smallint`;

export const REBUILD_LEDGER_STATEMENTS: string[] = [
  `delete from ledger_daily_totals`,
  `delete from ledger_campaign_totals`,
  `delete from ledger_currency_totals`,
  `delete from ledger_campaign_donors`,
  `delete from ledger_currency_donors`,
  `insert into ledger_campaign_donors (campaign_id, currency, donor_id, kept_gifts, active_monthly_gifts)
select campaign_id, currency, donor_id, sum(kept_gifts), sum(active_monthly_gifts) from (
  select campaign_id, currency, donor_id, count(*) filter (where ${KEPT_SQL}) as kept_gifts, 0 as active_monthly_gifts from ${COUNTED_GIFTS_SQL} group by 1, 2, 3
  union all
  select campaign_id, currency, donor_id, 0, count(*) from recurring_gifts where ${ACTIVE_MONTHLY_SQL} group by 1, 2, 3
) as parts group by 1, 2, 3`,
  `insert into ledger_currency_donors (currency, donor_id, kept_gifts, active_monthly_gifts)
select currency, donor_id, sum(kept_gifts), sum(active_monthly_gifts) from ledger_campaign_donors group by 1, 2`,
  `update ledger_currency_donors set net_amount = g.net from (
  select currency, donor_id, sum(${NET_SQL}) as net from ${COUNTED_GIFTS_SQL} group by 1, 2
) as g where ledger_currency_donors.currency = g.currency and ledger_currency_donors.donor_id = g.donor_id`,
  DONOR_GIVING_SQL,
  `insert into ledger_campaign_totals (campaign_id, currency, stripe, gross_amount, refunded_amount, dispute_lost_amount, net_amount, fee_amount,
  gift_count, one_off_amount, one_off_count, monthly_amount, monthly_count, donor_count, active_monthly_donors, monthly_recurring_revenue,
  active_yearly_gifts, yearly_recurring_amount)
select campaign_id, currency, stripe, sum(gross), sum(refunded), sum(lost), sum(net), sum(fee), sum(kept), sum(one_off_net), sum(one_off_kept),
  sum(monthly_net), sum(monthly_kept), sum(donors), sum(monthly_donors), sum(mrr), sum(yearly_gifts), sum(yearly_amount) from (
  select campaign_id, currency, ${STRIPE_OF_ROW} as stripe, sum(amount) as gross, sum(refunded_amount) as refunded, sum(${LOST_SQL}) as lost,
    sum(${NET_SQL}) as net, sum(${FEE_SQL}) as fee, count(*) filter (where ${KEPT_SQL}) as kept,
    coalesce(sum(${NET_SQL}) filter (where kind = 'one_off'), 0) as one_off_net, count(*) filter (where kind = 'one_off' and ${KEPT_SQL}) as one_off_kept,
    coalesce(sum(${NET_SQL}) filter (where kind = 'recurring'), 0) as monthly_net, count(*) filter (where kind = 'recurring' and ${KEPT_SQL}) as monthly_kept,
    0 as donors, 0 as monthly_donors, 0 as mrr, 0 as yearly_gifts, 0 as yearly_amount
  from ${COUNTED_GIFTS_SQL} group by 1, 2, 3
  union all
  select campaign_id, currency, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, count(*) filter (where kept_gifts > 0), count(*) filter (where active_monthly_gifts > 0), 0, 0, 0
  from ledger_campaign_donors group by 1, 2
  union all
  select campaign_id, currency, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, sum(amount), 0, 0 from recurring_gifts where ${ACTIVE_MONTHLY_SQL} group by 1, 2
  union all
  select campaign_id, currency, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, count(*), sum(amount) from recurring_gifts where ${ACTIVE_YEARLY_SQL} group by 1, 2
) as parts group by 1, 2, 3`,
  `insert into ledger_currency_totals (currency, stripe, donor_count, active_monthly_donors)
select currency, 0, count(*) filter (where kept_gifts > 0), count(*) filter (where active_monthly_gifts > 0) from ledger_currency_donors group by 1`,
  `insert into ledger_daily_totals (campaign_id, currency, day, stripe, gift_count, net_amount)
select campaign_id, currency, (paid_at at time zone 'UTC')::date, ${STRIPE_OF_ROW}, count(*) filter (where ${KEPT_SQL}), sum(${NET_SQL})
from ${COUNTED_GIFTS_SQL} group by 1, 2, 3, 4`,
];
