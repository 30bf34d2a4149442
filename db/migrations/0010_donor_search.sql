CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "donors_search_trgm_idx" ON "donors" USING gin ("email" gin_trgm_ops,"name" gin_trgm_ops);