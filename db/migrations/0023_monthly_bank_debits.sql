ALTER TYPE "public"."gift_method" ADD VALUE 'us_bank_account';--> statement-breakpoint
ALTER TYPE "public"."gift_method" ADD VALUE 'sepa_debit';--> statement-breakpoint
ALTER TABLE "donations" DROP CONSTRAINT "donations_offline_recorded";--> statement-breakpoint
ALTER TABLE "donations" DROP CONSTRAINT "donations_void_offline_only";--> statement-breakpoint
DROP INDEX "donations_fee_not_recorded_idx";--> statement-breakpoint
ALTER TABLE "gifts_in_flight" DROP CONSTRAINT "gifts_in_flight_pkey";--> statement-breakpoint
ALTER TABLE "gifts_in_flight" ALTER COLUMN "stripe_checkout_session_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "gifts_in_flight" ADD COLUMN "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "gifts_in_flight" ADD COLUMN "stripe_invoice_id" text;--> statement-breakpoint
CREATE INDEX "donations_fee_not_recorded_idx" ON "donations" USING btree ("campaign_id","currency") WHERE "donations"."processing_fee_amount" is null and "donations"."method" not in ('cheque', 'bank_transfer', 'cash', 'daf', 'other') and "donations"."voided_at" is null;--> statement-breakpoint
ALTER TABLE "gifts_in_flight" ADD CONSTRAINT "gifts_in_flight_checkout_session_unique" UNIQUE("stripe_checkout_session_id");--> statement-breakpoint
ALTER TABLE "gifts_in_flight" ADD CONSTRAINT "gifts_in_flight_invoice_unique" UNIQUE("stripe_invoice_id");--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_offline_recorded" CHECK (("donations"."method" in ('cheque', 'bank_transfer', 'cash', 'daf', 'other')) = ("donations"."recorded_by" is not null) and ("donations"."method" in ('cheque', 'bank_transfer', 'cash', 'daf', 'other')) = ("donations"."offline_entry_key" is not null));--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_void_offline_only" CHECK (("donations"."voided_at" is null) = ("donations"."voided_by" is null) and ("donations"."voided_at" is null or "donations"."method" in ('cheque', 'bank_transfer', 'cash', 'daf', 'other')));--> statement-breakpoint
ALTER TABLE "gifts_in_flight" ADD CONSTRAINT "gifts_in_flight_one_key" CHECK (("gifts_in_flight"."stripe_checkout_session_id" is null) <> ("gifts_in_flight"."stripe_invoice_id" is null));