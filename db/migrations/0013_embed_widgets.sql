CREATE TYPE "public"."embed_kind" AS ENUM('button', 'form', 'progress');--> statement-breakpoint
CREATE TABLE "embed_origins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid,
	"origin" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "embed_origin" text;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "embed_kind" "embed_kind";--> statement-breakpoint
ALTER TABLE "embed_origins" ADD CONSTRAINT "embed_origins_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "embed_origins_installation_idx" ON "embed_origins" USING btree ("origin") WHERE "embed_origins"."campaign_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "embed_origins_campaign_idx" ON "embed_origins" USING btree ("campaign_id","origin") WHERE "embed_origins"."campaign_id" is not null;--> statement-breakpoint
CREATE INDEX "donations_embed_origin_idx" ON "donations" USING btree ("embed_origin") WHERE "donations"."embed_origin" is not null;--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_embed_whole" CHECK (("donations"."embed_origin" is null) = ("donations"."embed_kind" is null));