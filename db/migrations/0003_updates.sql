CREATE TYPE "public"."email_priority" AS ENUM('transactional', 'bulk');--> statement-breakpoint
CREATE TYPE "public"."update_audience" AS ENUM('campaign', 'all');--> statement-breakpoint
CREATE TYPE "public"."update_status" AS ENUM('draft', 'published');--> statement-breakpoint
ALTER TYPE "public"."email_status" ADD VALUE 'failed';--> statement-breakpoint
ALTER TYPE "public"."email_status" ADD VALUE 'skipped';--> statement-breakpoint
CREATE TABLE "updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid,
	"title" text NOT NULL,
	"body_markdown" text NOT NULL,
	"status" "update_status" DEFAULT 'draft' NOT NULL,
	"audience" "update_audience",
	"published_at" timestamp with time zone,
	"recipient_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sent_emails" ADD COLUMN "priority" "email_priority" DEFAULT 'transactional' NOT NULL;--> statement-breakpoint
ALTER TABLE "sent_emails" ADD COLUMN "next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "sent_emails" ADD COLUMN "update_id" uuid;--> statement-breakpoint
ALTER TABLE "sent_emails" ADD COLUMN "subscriber_id" uuid;--> statement-breakpoint
ALTER TABLE "sent_emails" ADD COLUMN "batch_key" text;--> statement-breakpoint
ALTER TABLE "updates" ADD CONSTRAINT "updates_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "updates_published_idx" ON "updates" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "updates_campaign_idx" ON "updates" USING btree ("campaign_id","published_at");--> statement-breakpoint
ALTER TABLE "sent_emails" ADD CONSTRAINT "sent_emails_update_id_updates_id_fk" FOREIGN KEY ("update_id") REFERENCES "public"."updates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sent_emails" ADD CONSTRAINT "sent_emails_subscriber_id_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."subscribers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sent_emails_due_idx" ON "sent_emails" USING btree ("priority","next_attempt_at") WHERE "sent_emails"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "sent_emails_update_idx" ON "sent_emails" USING btree ("update_id","status");--> statement-breakpoint
CREATE INDEX "sent_emails_batch_idx" ON "sent_emails" USING btree ("batch_key") WHERE "sent_emails"."batch_key" is not null;--> statement-breakpoint
CREATE INDEX "sent_emails_retry_idx" ON "sent_emails" USING btree ("next_attempt_at") WHERE "sent_emails"."status" = 'pending' and "sent_emails"."batch_key" is not null;