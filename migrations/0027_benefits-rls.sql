-- Tenancy underneath the benefits module's own filters, as in identity's RLS migration: scoped transactions
-- (src/platform/db/tenant-scope.ts) run as tsunagu_app with tsunagu.municipality_code ('*' = all) or
-- tsunagu.household_id set, and these policies decide which rows that role sees and writes. Staff of one
-- municipality reach only its applications, claims, payments and birth reports; a parent only their household's.
-- Unscoped code (the pool's own user) is not affected.
--
-- The household of applications and claims written before 0023 added the column is filled from identity's parents
-- (their parent_id is identity's parent id); rows made with opaque ids stay null and only staff scopes see them.
UPDATE benefit_applications a SET household_id = p.household_id
  FROM parents p WHERE a.household_id IS NULL AND p.id::text = a.parent_id;
--> statement-breakpoint
UPDATE benefit_claims c SET household_id = a.household_id
  FROM benefit_applications a WHERE c.household_id IS NULL AND a.id = c.application_id;
--> statement-breakpoint
-- Grants: the default privileges of 0008 cover tables created later by the same owner; granted again here so a
-- database whose tables were made by another user still works.
GRANT SELECT, INSERT, UPDATE, DELETE ON benefit_applications, benefit_claims, benefit_claim_history,
  benefit_payment_batches, benefit_payments, benefit_birth_reports TO tsunagu_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE benefit_claim_history_id_seq, benefit_payments_id_seq TO tsunagu_app;
--> statement-breakpoint
ALTER TABLE benefit_applications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON benefit_applications USING (tsunagu_in_scope(municipality_code, household_id))
  WITH CHECK (tsunagu_in_scope(municipality_code, household_id));
--> statement-breakpoint
ALTER TABLE benefit_claims ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON benefit_claims USING (tsunagu_in_scope(municipality_code, household_id))
  WITH CHECK (tsunagu_in_scope(municipality_code, household_id));
--> statement-breakpoint
-- The timeline follows its claim: the sub-select is itself filtered by the claims policy, so a history row is
-- visible exactly when its claim is; a write must also carry a municipality the scope covers.
ALTER TABLE benefit_claim_history ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON benefit_claim_history
  USING (EXISTS (SELECT 1 FROM benefit_claims c WHERE c.id = claim_id))
  WITH CHECK (EXISTS (SELECT 1 FROM benefit_claims c
    WHERE c.id = benefit_claim_history.claim_id AND c.municipality_code = benefit_claim_history.municipality_code));
--> statement-breakpoint
-- Payment batches and their lines are the treasury's: municipality scopes only, never a parent's.
ALTER TABLE benefit_payment_batches ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON benefit_payment_batches USING (tsunagu_in_scope(municipality_code, NULL))
  WITH CHECK (tsunagu_in_scope(municipality_code, NULL));
--> statement-breakpoint
ALTER TABLE benefit_payments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON benefit_payments USING (tsunagu_in_scope(municipality_code, NULL))
  WITH CHECK (tsunagu_in_scope(municipality_code, NULL));
--> statement-breakpoint
ALTER TABLE benefit_birth_reports ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON benefit_birth_reports USING (tsunagu_in_scope(municipality_code, household_id))
  WITH CHECK (tsunagu_in_scope(municipality_code, household_id));
