CREATE TABLE "campaign_matches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"sponsor_name" text NOT NULL,
	"ratio" smallint NOT NULL,
	"cap_amount" integer NOT NULL,
	"currency" text NOT NULL,
	"used_amount" integer DEFAULT 0 NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_matches_ratio" CHECK ("campaign_matches"."ratio" in (1, 2)),
	CONSTRAINT "campaign_matches_cap_positive" CHECK ("campaign_matches"."cap_amount" > 0),
	CONSTRAINT "campaign_matches_used_within_cap" CHECK ("campaign_matches"."used_amount" >= 0 and "campaign_matches"."used_amount" <= "campaign_matches"."cap_amount"),
	CONSTRAINT "campaign_matches_window" CHECK ("campaign_matches"."ends_at" > "campaign_matches"."starts_at")
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "questions" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "ask_postal_address" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "match_id" uuid;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "matched_amount" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "answers" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "postal_address" text;--> statement-breakpoint
ALTER TABLE "campaign_matches" ADD CONSTRAINT "campaign_matches_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_matches_campaign_idx" ON "campaign_matches" USING btree ("campaign_id","starts_at");--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_match_id_campaign_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."campaign_matches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "donations_match_idx" ON "donations" USING btree ("match_id") WHERE "donations"."match_id" is not null;--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_matched_with_match" CHECK ("donations"."matched_amount" >= 0 and ("donations"."matched_amount" = 0 or "donations"."match_id" is not null));