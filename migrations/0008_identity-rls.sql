-- Tenancy enforced by PostgreSQL underneath the application's own checks.
--
-- Scoped transactions (src/platform/db/tenant-scope.ts) run `SET LOCAL ROLE tsunagu_app` and set
-- tsunagu.municipality_code ('*' = every municipality) or tsunagu.household_id for the transaction. tsunagu_app
-- cannot log in and has no BYPASSRLS, so the policies below apply to it even when the pool's own user is a
-- superuser or owns the tables (both bypass RLS, which is why the role switch is what makes the policies bite).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tsunagu_app') THEN
    CREATE ROLE tsunagu_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  -- another database of the same cluster created it at the same moment (parallel test databases)
  NULL;
END
$$;
--> statement-breakpoint
GRANT tsunagu_app TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO tsunagu_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO tsunagu_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO tsunagu_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tsunagu_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO tsunagu_app;
--> statement-breakpoint
CREATE FUNCTION tsunagu_in_scope(row_municipality text, row_household uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN current_setting('tsunagu.municipality_code', true) = '*' THEN true
    WHEN coalesce(current_setting('tsunagu.municipality_code', true), '') <> ''
      THEN row_municipality = current_setting('tsunagu.municipality_code', true)
    WHEN coalesce(current_setting('tsunagu.household_id', true), '') <> ''
      THEN row_household IS NOT NULL AND row_household::text = current_setting('tsunagu.household_id', true)
    ELSE false
  END
$$;
--> statement-breakpoint
ALTER TABLE households ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON households USING (tsunagu_in_scope(municipality_code, id))
  WITH CHECK (tsunagu_in_scope(municipality_code, id));
--> statement-breakpoint
ALTER TABLE parents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON parents USING (tsunagu_in_scope(municipality_code, household_id))
  WITH CHECK (tsunagu_in_scope(municipality_code, household_id));
--> statement-breakpoint
ALTER TABLE children ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON children USING (tsunagu_in_scope(municipality_code, household_id))
  WITH CHECK (tsunagu_in_scope(municipality_code, household_id));
--> statement-breakpoint
ALTER TABLE household_relationships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON household_relationships USING (tsunagu_in_scope(municipality_code, household_id))
  WITH CHECK (tsunagu_in_scope(municipality_code, household_id));
--> statement-breakpoint
ALTER TABLE residences ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON residences USING (tsunagu_in_scope(municipality_code, household_id))
  WITH CHECK (tsunagu_in_scope(municipality_code, household_id));
--> statement-breakpoint
ALTER TABLE pregnancies ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON pregnancies USING (tsunagu_in_scope(municipality_code, household_id))
  WITH CHECK (tsunagu_in_scope(municipality_code, household_id));
--> statement-breakpoint
ALTER TABLE consents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON consents USING (tsunagu_in_scope(municipality_code, household_id))
  WITH CHECK (tsunagu_in_scope(municipality_code, household_id));
--> statement-breakpoint
ALTER TABLE staff_accounts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON staff_accounts USING (tsunagu_in_scope(municipality_code, NULL))
  WITH CHECK (tsunagu_in_scope(municipality_code, NULL));
--> statement-breakpoint
ALTER TABLE staff_invitations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON staff_invitations USING (tsunagu_in_scope(municipality_code, NULL))
  WITH CHECK (tsunagu_in_scope(municipality_code, NULL));
