CREATE TABLE "receipt_counters" (
	"year" smallint PRIMARY KEY NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "receipt_counters_last_number_positive" CHECK ("receipt_counters"."last_number" > 0)
);
--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "receipt_year" smallint;--> statement-breakpoint
ALTER TABLE "donations" ADD COLUMN "receipt_sequence" integer;--> statement-breakpoint
CREATE UNIQUE INDEX "donations_receipt_number_idx" ON "donations" USING btree ("receipt_year","receipt_sequence");--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_receipt_number_whole" CHECK (("donations"."receipt_year" is null) = ("donations"."receipt_sequence" is null) and ("donations"."receipt_sequence" is null or "donations"."receipt_sequence" > 0));--> statement-breakpoint
-- Gifts recorded before receipt numbers: numbered per UTC year of payment, in the order they were recorded.
WITH "numbered" AS (
	SELECT "id",
		extract(year FROM "paid_at" AT TIME ZONE 'UTC')::smallint AS "year",
		row_number() OVER (PARTITION BY extract(year FROM "paid_at" AT TIME ZONE 'UTC') ORDER BY "created_at", "id")::integer AS "sequence"
	FROM "donations"
)
UPDATE "donations" SET "receipt_year" = "numbered"."year", "receipt_sequence" = "numbered"."sequence"
FROM "numbered" WHERE "donations"."id" = "numbered"."id";--> statement-breakpoint
INSERT INTO "receipt_counters" ("year", "last_number")
SELECT "receipt_year", max("receipt_sequence") FROM "donations" WHERE "receipt_year" IS NOT NULL GROUP BY "receipt_year";
