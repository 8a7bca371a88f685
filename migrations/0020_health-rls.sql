-- Row-level security on the health tables that hold a municipality's or a family's data (hand-written; see
-- 0008_identity-rls.sql for the role tsunagu_app and tsunagu_in_scope). Staff of one municipality see only its rows,
-- a parent only their household's, the system and clinics (scope 'all', limited by the parent's consent in code) all.
-- health_subsidy_schemes stays readable by all: a scheme and its 公費負担者番号 are public facts, not personal data.
--
-- Grants: the default privileges of 0008 cover tables created later by the same owner; granted again here so a
-- database whose tables were created by another role still works.
GRANT SELECT, INSERT, UPDATE, DELETE ON health_subsidy_recipients TO tsunagu_app;
--> statement-breakpoint
ALTER TABLE health_subsidy_recipients ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON health_subsidy_recipients USING (tsunagu_in_scope(municipality_code, NULL))
  WITH CHECK (tsunagu_in_scope(municipality_code, NULL));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON health_recipient_imports TO tsunagu_app;
--> statement-breakpoint
ALTER TABLE health_recipient_imports ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON health_recipient_imports USING (tsunagu_in_scope(municipality_code, NULL))
  WITH CHECK (tsunagu_in_scope(municipality_code, NULL));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON health_child_links TO tsunagu_app;
--> statement-breakpoint
ALTER TABLE health_child_links ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON health_child_links USING (tsunagu_in_scope(municipality_code, NULL))
  WITH CHECK (tsunagu_in_scope(municipality_code, NULL));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON health_consent_codes TO tsunagu_app;
--> statement-breakpoint
ALTER TABLE health_consent_codes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON health_consent_codes USING (tsunagu_in_scope(municipality_code, household_id))
  WITH CHECK (tsunagu_in_scope(municipality_code, household_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON health_questionnaires TO tsunagu_app;
--> statement-breakpoint
ALTER TABLE health_questionnaires ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON health_questionnaires USING (tsunagu_in_scope(municipality_code, household_id))
  WITH CHECK (tsunagu_in_scope(municipality_code, household_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON health_vaccination_records TO tsunagu_app;
--> statement-breakpoint
ALTER TABLE health_vaccination_records ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON health_vaccination_records USING (tsunagu_in_scope(municipality_code, household_id))
  WITH CHECK (tsunagu_in_scope(municipality_code, household_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON health_checkup_results TO tsunagu_app;
--> statement-breakpoint
ALTER TABLE health_checkup_results ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON health_checkup_results USING (tsunagu_in_scope(municipality_code, household_id))
  WITH CHECK (tsunagu_in_scope(municipality_code, household_id));
