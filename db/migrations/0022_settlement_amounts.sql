ALTER TABLE "donations" ADD COLUMN "settlement_currency" text;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "settlement_amount" integer;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "settlement_fee_amount" integer;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "exchange_rate" double precision;--> statement-breakpoint
ALTER TABLE "gift_refunds" ADD COLUMN "settlement_currency" text;--> statement-breakpoint
ALTER TABLE "gift_refunds" ADD COLUMN "settlement_amount" integer;--> statement-breakpoint
ALTER TABLE "gift_refunds" ADD COLUMN "settlement_fee_amount" integer;--> statement-breakpoint
ALTER TABLE "payment_disputes" ADD COLUMN "settlement_currency" text;--> statement-breakpoint
ALTER TABLE "payment_disputes" ADD COLUMN "settlement_amount" integer;--> statement-breakpoint
ALTER TABLE "payment_disputes" ADD COLUMN "settlement_fee_amount" integer;--> statement-breakpoint
CREATE INDEX "donations_fee_not_recorded_idx" ON "donations" USING btree ("campaign_id","currency") WHERE "donations"."processing_fee_amount" is null and "donations"."method" = 'card' and "donations"."voided_at" is null;