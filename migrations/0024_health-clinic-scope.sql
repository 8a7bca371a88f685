-- Clinics no longer run in the Tokyo-wide scope. A clinic transaction (clinic/clinic-scope.ts) sets no municipality
-- and no household, so every tenant_scope policy matches nothing, and names its institution and the visit in two
-- settings. The policies below are the only way such a transaction reaches a row: the visit's own redeemed consent
-- code, the child or pregnancy that code names, and what the institution recorded itself. Sessions without the
-- settings (staff, parents, the system) get NULL from both functions, so these policies add nothing for them.
-- Uncorrelated subqueries `(SELECT f())` run once per statement (an InitPlan), not once per row.
CREATE FUNCTION health_clinic_institution() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('tsunagu.clinic_institution', true), '')
$$;
--> statement-breakpoint
-- The visit id as a uuid, so the code lookups use the primary key (a cast of the column would scan the table on
-- every statement of every session, clinic or not). Only clinic-scope.ts sets it, to a validated uuid.
CREATE FUNCTION health_clinic_visit() RETURNS uuid
LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('tsunagu.clinic_visit', true), '')::uuid
$$;
--> statement-breakpoint
-- The subject (child or pregnancy) of the visit this institution redeemed; read under the clinic_visit policies of
-- the two code tables, so it cannot name anything the clinic was not given a code for.
CREATE FUNCTION health_clinic_subject() RETURNS uuid
LANGUAGE sql STABLE AS $$
  SELECT subject FROM (
    SELECT child_id AS subject FROM health_consent_codes
     WHERE id = health_clinic_visit()
       AND used_at IS NOT NULL AND used_by_institution = health_clinic_institution()
    UNION ALL
    SELECT pregnancy_id FROM health_prenatal_consent_codes
     WHERE id = health_clinic_visit()
       AND used_at IS NOT NULL AND used_by_institution = health_clinic_institution()
  ) s LIMIT 1
$$;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON health_prenatal_consent_codes TO tsunagu_app;
--> statement-breakpoint
ALTER TABLE health_prenatal_consent_codes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON health_prenatal_consent_codes USING (tsunagu_in_scope(municipality_code, household_id))
  WITH CHECK (tsunagu_in_scope(municipality_code, household_id));
--> statement-breakpoint
CREATE POLICY clinic_visit ON health_prenatal_consent_codes FOR SELECT
  USING (id = (SELECT health_clinic_visit())
    AND used_by_institution = (SELECT health_clinic_institution()));
--> statement-breakpoint
CREATE POLICY clinic_visit ON health_consent_codes FOR SELECT
  USING (id = (SELECT health_clinic_visit())
    AND used_by_institution = (SELECT health_clinic_institution()));
--> statement-breakpoint
CREATE POLICY clinic_visit ON health_child_links FOR SELECT
  USING (child_id = (SELECT health_clinic_subject()));
--> statement-breakpoint
CREATE POLICY clinic_visit ON health_subsidy_recipients FOR SELECT
  USING ((municipality_code, resident_number) IN (
    SELECT l.municipality_code, l.resident_number FROM health_child_links l
     WHERE l.child_id = (SELECT health_clinic_subject())));
--> statement-breakpoint
CREATE POLICY clinic_visit ON health_questionnaires FOR SELECT
  USING (child_id = (SELECT health_clinic_subject()));
--> statement-breakpoint
CREATE POLICY clinic_visit ON health_vaccination_records FOR SELECT
  USING (child_id = (SELECT health_clinic_subject()) OR institution_code = (SELECT health_clinic_institution()));
--> statement-breakpoint
CREATE POLICY clinic_visit_insert ON health_vaccination_records FOR INSERT
  WITH CHECK (child_id = (SELECT health_clinic_subject()) AND institution_code = (SELECT health_clinic_institution()));
--> statement-breakpoint
CREATE POLICY clinic_visit ON health_checkup_results FOR SELECT
  USING (subject_id = (SELECT health_clinic_subject()) OR institution_code = (SELECT health_clinic_institution()));
--> statement-breakpoint
CREATE POLICY clinic_visit_insert ON health_checkup_results FOR INSERT
  WITH CHECK (subject_id = (SELECT health_clinic_subject()) AND institution_code = (SELECT health_clinic_institution()));
