ALTER TABLE "campaigns" ADD COLUMN "source_name" text;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "source_url" text;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "source_published_on" date;--> statement-breakpoint
-- The founding articles were first published on LiNK's blog: installations seeded before this
-- migration get the same "first published" line as new ones (db/seed/content/campaigns.json).
UPDATE "campaigns" SET "source_name" = 'Liberty in North Korea (LiNK)', "source_url" = 'https://libertyinnorthkorea.org/blog/foreign-media-in-north-korea-how-kpop-is-challenging-the-regime', "source_published_on" = '2022-04-22' WHERE "slug" = 'foreign-media-in-north-korea' AND "source_name" IS NULL;--> statement-breakpoint
UPDATE "campaigns" SET "source_name" = 'Liberty in North Korea (LiNK)', "source_url" = 'https://libertyinnorthkorea.org/blog/inside-north-korea-people-still-suffer-legacy-of-pandemic-era-controls', "source_published_on" = '2025-06-20' WHERE "slug" = 'inside-north-korea-pandemic-era-controls' AND "source_name" IS NULL;
