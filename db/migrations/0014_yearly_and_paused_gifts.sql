ALTER TYPE "public"."gift_frequency" ADD VALUE 'yearly';--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "frequencies" "gift_frequency"[] DEFAULT '{once,monthly}'::gift_frequency[] NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_campaign_totals" ADD COLUMN "active_yearly_gifts" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_campaign_totals" ADD COLUMN "yearly_recurring_amount" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "recurring_gifts" ADD COLUMN "interval" text DEFAULT 'month' NOT NULL;--> statement-breakpoint
ALTER TABLE "recurring_gifts" ADD COLUMN "paused_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_frequencies_offer_default" CHECK ("campaigns"."default_frequency" = any("campaigns"."frequencies"));--> statement-breakpoint
ALTER TABLE "recurring_gifts" ADD CONSTRAINT "recurring_gifts_interval_known" CHECK ("recurring_gifts"."interval" in ('month', 'year'));