CREATE TABLE "erased_stripe_customers" (
	"stripe_customer_id" text PRIMARY KEY NOT NULL,
	"donor_id" uuid NOT NULL,
	"erased_at" timestamp with time zone DEFAULT now() NOT NULL,
	"detached_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "donors" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "erased_stripe_customers" ADD CONSTRAINT "erased_stripe_customers_donor_id_donors_id_fk" FOREIGN KEY ("donor_id") REFERENCES "public"."donors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "erased_stripe_customers_donor_idx" ON "erased_stripe_customers" USING btree ("donor_id");