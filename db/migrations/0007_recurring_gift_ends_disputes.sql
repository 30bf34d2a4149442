CREATE TABLE "payment_disputes" (
	"stripe_dispute_id" text PRIMARY KEY NOT NULL,
	"stripe_charge_id" text NOT NULL,
	"stripe_payment_intent_id" text,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"evidence_due_by" timestamp with time zone,
	"opened_at" timestamp with time zone NOT NULL,
	"stripe_updated_at" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "recurring_gifts" ADD COLUMN "cancel_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "recurring_gifts" ADD COLUMN "ended_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "payment_disputes_charge_idx" ON "payment_disputes" USING btree ("stripe_charge_id");--> statement-breakpoint
CREATE INDEX "payment_disputes_payment_intent_idx" ON "payment_disputes" USING btree ("stripe_payment_intent_id");--> statement-breakpoint
CREATE INDEX "recurring_gifts_churn_idx" ON "recurring_gifts" USING btree ("currency","ended_at","amount","campaign_id");--> statement-breakpoint
CREATE INDEX "recurring_gifts_ending_idx" ON "recurring_gifts" USING btree ("currency","campaign_id","amount") WHERE "recurring_gifts"."status" not in ('canceled', 'incomplete_expired') and ("recurring_gifts"."cancel_at_period_end" or "recurring_gifts"."cancel_at" is not null);--> statement-breakpoint
-- Rows written before these columns: a period-end cancellation ends at the period's end; an ended gift ended when it was cancelled.
UPDATE "recurring_gifts" SET "cancel_at" = "current_period_end" WHERE "cancel_at_period_end" AND "cancel_at" IS NULL AND "status" NOT IN ('canceled', 'incomplete_expired');--> statement-breakpoint
UPDATE "recurring_gifts" SET "ended_at" = coalesce("canceled_at", "updated_at") WHERE "status" IN ('canceled', 'incomplete_expired') AND "ended_at" IS NULL;--> statement-breakpoint
-- MRR and active monthly donors now leave out ending gifts (and keep past-due ones): the ledger is rebuilt by the new rule (lib/ledger/ledger-sql.ts).
delete from ledger_daily_totals;--> statement-breakpoint
delete from ledger_campaign_totals;--> statement-breakpoint
delete from ledger_currency_totals;--> statement-breakpoint
delete from ledger_campaign_donors;--> statement-breakpoint
delete from ledger_currency_donors;--> statement-breakpoint
insert into ledger_campaign_donors (campaign_id, currency, donor_id, kept_gifts, active_monthly_gifts)
select campaign_id, currency, donor_id, sum(kept_gifts), sum(active_monthly_gifts) from (
  select campaign_id, currency, donor_id, count(*) filter (where (dispute_status is distinct from 'lost' and amount > refunded_amount)) as kept_gifts, 0 as active_monthly_gifts from donations group by 1, 2, 3
  union all
  select campaign_id, currency, donor_id, 0, count(*) from recurring_gifts where (status in ('active', 'trialing', 'past_due') and not cancel_at_period_end and cancel_at is null) group by 1, 2, 3
) as parts group by 1, 2, 3;--> statement-breakpoint
insert into ledger_currency_donors (currency, donor_id, kept_gifts, active_monthly_gifts)
select currency, donor_id, sum(kept_gifts), sum(active_monthly_gifts) from ledger_campaign_donors group by 1, 2;--> statement-breakpoint
insert into ledger_campaign_totals (campaign_id, currency, stripe, gross_amount, refunded_amount, dispute_lost_amount, net_amount,
  gift_count, one_off_amount, one_off_count, monthly_amount, monthly_count, donor_count, active_monthly_donors, monthly_recurring_revenue)
select campaign_id, currency, stripe, sum(gross), sum(refunded), sum(lost), sum(net), sum(kept), sum(one_off_net), sum(one_off_kept),
  sum(monthly_net), sum(monthly_kept), sum(donors), sum(monthly_donors), sum(mrr) from (
  select campaign_id, currency, 0::smallint as stripe, sum(amount) as gross, sum(refunded_amount) as refunded, sum(case when dispute_status = 'lost' then amount - refunded_amount else 0 end) as lost,
    sum(case when dispute_status = 'lost' then 0 else amount - refunded_amount end) as net, count(*) filter (where (dispute_status is distinct from 'lost' and amount > refunded_amount)) as kept,
    coalesce(sum(case when dispute_status = 'lost' then 0 else amount - refunded_amount end) filter (where kind = 'one_off'), 0) as one_off_net, count(*) filter (where kind = 'one_off' and (dispute_status is distinct from 'lost' and amount > refunded_amount)) as one_off_kept,
    coalesce(sum(case when dispute_status = 'lost' then 0 else amount - refunded_amount end) filter (where kind = 'recurring'), 0) as monthly_net, count(*) filter (where kind = 'recurring' and (dispute_status is distinct from 'lost' and amount > refunded_amount)) as monthly_kept,
    0 as donors, 0 as monthly_donors, 0 as mrr
  from donations group by 1, 2, 3
  union all
  select campaign_id, currency, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, count(*) filter (where kept_gifts > 0), count(*) filter (where active_monthly_gifts > 0), 0
  from ledger_campaign_donors group by 1, 2
  union all
  select campaign_id, currency, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, sum(amount) from recurring_gifts where (status in ('active', 'trialing', 'past_due') and not cancel_at_period_end and cancel_at is null) group by 1, 2
) as parts group by 1, 2, 3;--> statement-breakpoint
insert into ledger_currency_totals (currency, stripe, donor_count, active_monthly_donors)
select currency, 0, count(*) filter (where kept_gifts > 0), count(*) filter (where active_monthly_gifts > 0) from ledger_currency_donors group by 1;--> statement-breakpoint
insert into ledger_daily_totals (campaign_id, currency, day, stripe, gift_count, net_amount)
select campaign_id, currency, (paid_at at time zone 'UTC')::date, 0::smallint, count(*) filter (where (dispute_status is distinct from 'lost' and amount > refunded_amount)), sum(case when dispute_status = 'lost' then 0 else amount - refunded_amount end)
from donations group by 1, 2, 3, 4;
