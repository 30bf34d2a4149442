CREATE TABLE "gifts_in_flight" (
	"stripe_checkout_session_id" text PRIMARY KEY NOT NULL,
	"stripe_payment_intent_id" text,
	"campaign_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"payment_method" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "gifts_in_flight_status" CHECK ("gifts_in_flight"."status" in ('processing', 'succeeded', 'failed') and ("gifts_in_flight"."status" = 'processing') = ("gifts_in_flight"."settled_at" is null)),
	CONSTRAINT "gifts_in_flight_amount_positive" CHECK ("gifts_in_flight"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "gifts_in_flight" ADD CONSTRAINT "gifts_in_flight_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gifts_in_flight_processing_idx" ON "gifts_in_flight" USING btree ("currency") WHERE "gifts_in_flight"."status" = 'processing';