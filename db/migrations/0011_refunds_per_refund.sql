CREATE TABLE "gift_refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stripe_refund_id" text,
	"donation_id" uuid NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"status" text NOT NULL,
	"failure_reason" text,
	"refunded_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gift_refunds_stripe_refund_id_unique" UNIQUE("stripe_refund_id"),
	CONSTRAINT "gift_refunds_amount_positive" CHECK ("gift_refunds"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "gift_refunds" ADD CONSTRAINT "gift_refunds_donation_id_donations_id_fk" FOREIGN KEY ("donation_id") REFERENCES "public"."donations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gift_refunds_donation_idx" ON "gift_refunds" USING btree ("donation_id");--> statement-breakpoint
-- Gifts refunded before this table held one refunded total, not its refunds: one standing row per
-- such gift keeps that total (so nothing moves now); the first time Stripe's list of the charge's
-- refunds is read (lib/donations/gift-refunds.ts), the real refunds replace it.
INSERT INTO "gift_refunds" ("donation_id", "amount", "currency", "status", "refunded_at")
SELECT "id", "refunded_amount", "currency", 'succeeded', now() FROM "donations" WHERE "refunded_amount" > 0;
