CREATE TABLE "campaign_slug_redirects" (
	"slug" text PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaign_slug_redirects" ADD CONSTRAINT "campaign_slug_redirects_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_slug_redirects_campaign_idx" ON "campaign_slug_redirects" USING btree ("campaign_id");