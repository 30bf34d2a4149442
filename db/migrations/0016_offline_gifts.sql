CREATE TYPE "public"."gift_method" AS ENUM('card', 'cheque', 'bank_transfer', 'cash', 'daf', 'other');--> statement-breakpoint
ALTER TABLE "donors" ALTER COLUMN "email" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "method" "gift_method" DEFAULT 'card' NOT NULL;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "recorded_by" text;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "offline_reference" text;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "offline_entry_key" uuid;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "corrected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "corrected_by" text;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "voided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "voided_by" text;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "void_reason" text;--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_corrected_by_users_id_fk" FOREIGN KEY ("corrected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_voided_by_users_id_fk" FOREIGN KEY ("voided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_offline_entry_key_unique" UNIQUE("offline_entry_key");--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_offline_recorded" CHECK (("donations"."method" = 'card') = ("donations"."recorded_by" is null) and ("donations"."method" = 'card') = ("donations"."offline_entry_key" is null));--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_void_offline_only" CHECK (("donations"."voided_at" is null) = ("donations"."voided_by" is null) and ("donations"."voided_at" is null or "donations"."method" <> 'card'));