CREATE TABLE "donor_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"donor_id" uuid NOT NULL,
	"author_id" text,
	"author_email" text NOT NULL,
	"body" text NOT NULL,
	"entry_key" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "donor_notes_entry_key_unique" UNIQUE("entry_key"),
	CONSTRAINT "donor_notes_body_present" CHECK (length(trim("donor_notes"."body")) > 0)
);
--> statement-breakpoint
ALTER TABLE "donors" ADD COLUMN "kept_gifts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "donors" ADD COLUMN "first_gift_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "donors" ADD COLUMN "last_gift_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ledger_currency_donors" ADD COLUMN "net_amount" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "donor_notes" ADD CONSTRAINT "donor_notes_donor_id_donors_id_fk" FOREIGN KEY ("donor_id") REFERENCES "public"."donors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donor_notes" ADD CONSTRAINT "donor_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "donor_notes_donor_idx" ON "donor_notes" USING btree ("donor_id","created_at");--> statement-breakpoint
CREATE INDEX "donors_last_gift_idx" ON "donors" USING btree (coalesce("last_gift_at", '-infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "donors_first_gift_idx" ON "donors" USING btree (coalesce("first_gift_at", 'infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "ledger_currency_donors_net_idx" ON "ledger_currency_donors" USING btree ("currency","net_amount","donor_id");--> statement-breakpoint
CREATE INDEX "ledger_currency_donors_donor_idx" ON "ledger_currency_donors" USING btree ("donor_id");--> statement-breakpoint
-- hand-written: backfill each donor's part of the ledger from the gift rows, by the same rules as
-- lib/ledger/ledger-sql.ts (net = amount - refunded, nothing for a lost dispute; a gift counts when
-- something of it is kept; voided offline gifts count for nothing). `npm run ledger:verify` checks it.
UPDATE "ledger_currency_donors" SET "net_amount" = g.net FROM (
  SELECT currency, donor_id, sum(CASE WHEN dispute_status = 'lost' THEN 0 ELSE amount - refunded_amount END) AS net
  FROM donations WHERE voided_at IS NULL GROUP BY 1, 2
) AS g WHERE "ledger_currency_donors"."currency" = g.currency AND "ledger_currency_donors"."donor_id" = g.donor_id;--> statement-breakpoint
UPDATE "donors" SET "kept_gifts" = g.kept, "first_gift_at" = g.first_at, "last_gift_at" = g.last_at FROM (
  SELECT donor_id, count(*)::int AS kept, min(paid_at) AS first_at, max(paid_at) AS last_at FROM donations
  WHERE voided_at IS NULL AND dispute_status IS DISTINCT FROM 'lost' AND amount > refunded_amount GROUP BY 1
) AS g WHERE "donors"."id" = g.donor_id;
