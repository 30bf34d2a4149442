ALTER TABLE "donations" ADD COLUMN "processing_fee_amount" integer;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "stripe_balance_transaction_id" text;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "fee_amount" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "gift_refunds" ADD COLUMN "fee_amount" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_campaign_totals" ADD COLUMN "fee_amount" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_disputes" ADD COLUMN "fee_amount" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_fees_not_negative" CHECK ("donations"."fee_amount" >= 0 and ("donations"."processing_fee_amount" is null or "donations"."processing_fee_amount" >= 0));