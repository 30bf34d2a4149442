CREATE TABLE "ledger_campaign_donors" (
	"campaign_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"donor_id" uuid NOT NULL,
	"kept_gifts" integer DEFAULT 0 NOT NULL,
	"active_monthly_gifts" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "ledger_campaign_donors_campaign_id_currency_donor_id_pk" PRIMARY KEY("campaign_id","currency","donor_id")
);
--> statement-breakpoint
CREATE TABLE "ledger_campaign_totals" (
	"campaign_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"stripe" smallint NOT NULL,
	"gross_amount" bigint DEFAULT 0 NOT NULL,
	"refunded_amount" bigint DEFAULT 0 NOT NULL,
	"dispute_lost_amount" bigint DEFAULT 0 NOT NULL,
	"net_amount" bigint DEFAULT 0 NOT NULL,
	"gift_count" bigint DEFAULT 0 NOT NULL,
	"one_off_amount" bigint DEFAULT 0 NOT NULL,
	"one_off_count" bigint DEFAULT 0 NOT NULL,
	"monthly_amount" bigint DEFAULT 0 NOT NULL,
	"monthly_count" bigint DEFAULT 0 NOT NULL,
	"donor_count" bigint DEFAULT 0 NOT NULL,
	"active_monthly_donors" bigint DEFAULT 0 NOT NULL,
	"monthly_recurring_revenue" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "ledger_campaign_totals_campaign_id_currency_stripe_pk" PRIMARY KEY("campaign_id","currency","stripe")
);
--> statement-breakpoint
CREATE TABLE "ledger_currency_donors" (
	"currency" text NOT NULL,
	"donor_id" uuid NOT NULL,
	"kept_gifts" integer DEFAULT 0 NOT NULL,
	"active_monthly_gifts" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "ledger_currency_donors_currency_donor_id_pk" PRIMARY KEY("currency","donor_id")
);
--> statement-breakpoint
CREATE TABLE "ledger_currency_totals" (
	"currency" text NOT NULL,
	"stripe" smallint NOT NULL,
	"donor_count" bigint DEFAULT 0 NOT NULL,
	"active_monthly_donors" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "ledger_currency_totals_currency_stripe_pk" PRIMARY KEY("currency","stripe")
);
--> statement-breakpoint
CREATE TABLE "ledger_daily_totals" (
	"campaign_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"day" date NOT NULL,
	"stripe" smallint NOT NULL,
	"gift_count" bigint DEFAULT 0 NOT NULL,
	"net_amount" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "ledger_daily_totals_campaign_id_currency_day_stripe_pk" PRIMARY KEY("campaign_id","currency","day","stripe")
);
--> statement-breakpoint
ALTER TABLE "dev_mailbox_messages" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "ledger_campaign_donors" ADD CONSTRAINT "ledger_campaign_donors_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_campaign_donors" ADD CONSTRAINT "ledger_campaign_donors_donor_id_donors_id_fk" FOREIGN KEY ("donor_id") REFERENCES "public"."donors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_campaign_totals" ADD CONSTRAINT "ledger_campaign_totals_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_currency_donors" ADD CONSTRAINT "ledger_currency_donors_donor_id_donors_id_fk" FOREIGN KEY ("donor_id") REFERENCES "public"."donors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_daily_totals" ADD CONSTRAINT "ledger_daily_totals_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_daily_totals_currency_day_idx" ON "ledger_daily_totals" USING btree ("currency","day");--> statement-breakpoint
ALTER TABLE "dev_mailbox_messages" ADD CONSTRAINT "dev_mailbox_messages_idempotency_key_unique" UNIQUE("idempotency_key");--> statement-breakpoint
-- Backfill: the ledger of every gift recorded before it existed (lib/ledger/ledger-sql.ts, REBUILD_LEDGER_STATEMENTS).
insert into ledger_campaign_donors (campaign_id, currency, donor_id, kept_gifts, active_monthly_gifts)
select campaign_id, currency, donor_id, sum(kept_gifts), sum(active_monthly_gifts) from (
  select campaign_id, currency, donor_id, count(*) filter (where (dispute_status is distinct from 'lost' and amount > refunded_amount)) as kept_gifts, 0 as active_monthly_gifts from donations group by 1, 2, 3
  union all
  select campaign_id, currency, donor_id, 0, count(*) from recurring_gifts where status = 'active' group by 1, 2, 3
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
  select campaign_id, currency, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, sum(amount) from recurring_gifts where status = 'active' group by 1, 2
) as parts group by 1, 2, 3;--> statement-breakpoint
insert into ledger_currency_totals (currency, stripe, donor_count, active_monthly_donors)
select currency, 0, count(*) filter (where kept_gifts > 0), count(*) filter (where active_monthly_gifts > 0) from ledger_currency_donors group by 1;--> statement-breakpoint
insert into ledger_daily_totals (campaign_id, currency, day, stripe, gift_count, net_amount)
select campaign_id, currency, (paid_at at time zone 'UTC')::date, 0::smallint, count(*) filter (where (dispute_status is distinct from 'lost' and amount > refunded_amount)), sum(case when dispute_status = 'lost' then 0 else amount - refunded_amount end)
from donations group by 1, 2, 3, 4;
