CREATE TYPE "public"."gift_frequency" AS ENUM('once', 'monthly');--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "preset_impacts" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "default_frequency" "gift_frequency" DEFAULT 'once' NOT NULL;