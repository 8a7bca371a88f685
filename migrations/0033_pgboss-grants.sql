-- Jobs are enqueued in the transaction of the domain write that needs them (src/platform/jobs/job-queue.ts), and most
-- domain writes run inside withTenantScope as the RLS-bound role tsunagu_app. Without these grants that role cannot
-- reach pg-boss's schema, and a domain event published in a scoped transaction failed with "permission denied for
-- schema pgboss" (hokatsu worked around it with RESET ROLE, which dropped the tenant scope for the rest of the
-- transaction).
--
-- Order on a fresh database: our migrations run BEFORE pg-boss installs its schema (src/platform/runtime.ts,
-- prepareDatabase), so this migration creates the schema itself (pg-boss decides "installed" by its version table,
-- not by the schema, and creates the schema IF NOT EXISTS) and sets DEFAULT PRIVILEGES for the tables, functions and
-- sequences that pg-boss then creates as this same database user (its install, later upgrades, and the per-queue
-- tables create_queue makes). On a database where pg-boss is already installed the GRANT … ON ALL lines cover what
-- exists.
--
-- Least privilege: the app role only enqueues (INSERT … ON CONFLICT DO NOTHING RETURNING id, which reads the queue
-- row and calls pgboss.job_now()). Fetching, completing and failing jobs stay with the workers' session user. This
-- replaces identity's start-up grant (select, insert, update on the tables that existed then, no default privileges,
-- so a queue created later with its own partition table was out of reach), hence the REVOKE of UPDATE.
CREATE SCHEMA IF NOT EXISTS pgboss;
--> statement-breakpoint
REVOKE UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss FROM tsunagu_app;
--> statement-breakpoint
GRANT USAGE ON SCHEMA pgboss TO tsunagu_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA pgboss TO tsunagu_app;
--> statement-breakpoint
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pgboss TO tsunagu_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA pgboss TO tsunagu_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss GRANT SELECT, INSERT ON TABLES TO tsunagu_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss GRANT EXECUTE ON FUNCTIONS TO tsunagu_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss GRANT USAGE, SELECT ON SEQUENCES TO tsunagu_app;
