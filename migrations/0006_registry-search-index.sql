-- Partial-word search over registry_programs.search_key (an ASCII spelling of the text; see
-- src/modules/registry/search-key.ts for why the Japanese text itself is not indexed). pg_trgm is a trusted
-- extension (PostgreSQL 13+), so the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "registry_programs_search_key_trgm_idx" ON "registry_programs" USING gin ("search_key" gin_trgm_ops);
