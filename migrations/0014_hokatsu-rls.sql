-- Tenancy underneath hokatsu's own filters, the same way as identity's RLS migration: scoped transactions
-- (src/platform/db/tenant-scope.ts) run as tsunagu_app with tsunagu.municipality_code ('*' = all) or
-- tsunagu.household_id set, and these policies decide which rows that role sees and writes. Unscoped code (the pool's
-- own user) is not affected. Public tables (nurseries, vacancies, minimum indices, visit and consultation slots) have
-- no policy: anyone may read them.
--
-- hokatsu keeps the household reference as text (visit bookings carry an opaque family reference), so it compares
-- text instead of casting to uuid; otherwise this is tsunagu_in_scope.
CREATE FUNCTION hokatsu_in_scope(row_municipality text, row_household text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN current_setting('tsunagu.municipality_code', true) = '*' THEN true
    WHEN coalesce(current_setting('tsunagu.municipality_code', true), '') <> ''
      THEN row_municipality = current_setting('tsunagu.municipality_code', true)
    WHEN coalesce(current_setting('tsunagu.household_id', true), '') <> ''
      THEN row_household IS NOT NULL AND row_household = current_setting('tsunagu.household_id', true)
    ELSE false
  END
$$;
--> statement-breakpoint
ALTER TABLE hokatsu_applications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON hokatsu_applications USING (hokatsu_in_scope(municipality_code, household_id))
  WITH CHECK (hokatsu_in_scope(municipality_code, household_id));
--> statement-breakpoint
-- Choices, adjustments and documents follow their application: the sub-select is itself filtered by the
-- applications policy, so a row is visible exactly when its application is.
ALTER TABLE hokatsu_application_choices ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON hokatsu_application_choices
  USING (EXISTS (SELECT 1 FROM hokatsu_applications a WHERE a.id = application_id))
  WITH CHECK (EXISTS (SELECT 1 FROM hokatsu_applications a WHERE a.id = application_id));
--> statement-breakpoint
ALTER TABLE hokatsu_application_adjustments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON hokatsu_application_adjustments
  USING (EXISTS (SELECT 1 FROM hokatsu_applications a WHERE a.id = application_id))
  WITH CHECK (hokatsu_in_scope(municipality_code, NULL)
    AND EXISTS (SELECT 1 FROM hokatsu_applications a WHERE a.id = application_id));
--> statement-breakpoint
ALTER TABLE hokatsu_application_documents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON hokatsu_application_documents
  USING (EXISTS (SELECT 1 FROM hokatsu_applications a WHERE a.id = application_id))
  WITH CHECK (EXISTS (SELECT 1 FROM hokatsu_applications a WHERE a.id = application_id));
--> statement-breakpoint
ALTER TABLE hokatsu_allocation_rounds ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON hokatsu_allocation_rounds USING (hokatsu_in_scope(municipality_code, NULL))
  WITH CHECK (hokatsu_in_scope(municipality_code, NULL));
--> statement-breakpoint
ALTER TABLE hokatsu_visit_bookings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON hokatsu_visit_bookings USING (hokatsu_in_scope(municipality_code, family_ref))
  WITH CHECK (hokatsu_in_scope(municipality_code, family_ref));
--> statement-breakpoint
ALTER TABLE hokatsu_consultation_bookings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON hokatsu_consultation_bookings USING (hokatsu_in_scope(municipality_code, household_id))
  WITH CHECK (hokatsu_in_scope(municipality_code, household_id));
