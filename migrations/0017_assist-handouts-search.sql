-- Full-text search over hand-outs: a trigram index on the ASCII search key (registry's approach, because pg_trgm
-- makes no trigrams of Japanese text under the C locale). pg_trgm itself was created by the registry's migration.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS assist_handouts_search_key_trgm ON assist_handouts USING gin (search_key gin_trgm_ops);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON assist_handouts TO tsunagu_app;
