-- Proposals belong to the program's municipality: staff transactions (withTenantScope) see only their own
-- municipality's rows, Tokyo-wide staff all of them (tsunagu_in_scope, defined with identity's RLS).
GRANT SELECT, INSERT, UPDATE, DELETE ON assist_proposals TO tsunagu_app;
--> statement-breakpoint
ALTER TABLE assist_proposals ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON assist_proposals USING (tsunagu_in_scope(municipality_code, NULL))
  WITH CHECK (tsunagu_in_scope(municipality_code, NULL));
