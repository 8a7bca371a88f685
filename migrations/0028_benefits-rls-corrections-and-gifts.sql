-- The three tables 0025 added (a parent's corrections at resubmission, the 赤ちゃんファースト card and its steps) get the
-- same tenancy as the claim history in 0027: a row is visible exactly when its claim is (the sub-select is itself
-- filtered by benefit_claims' policy), and a write must carry the claim's own municipality.
GRANT SELECT, INSERT, UPDATE, DELETE ON benefit_claim_corrections, benefit_gift_dispatches,
  benefit_gift_dispatch_history TO tsunagu_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE benefit_gift_dispatch_history_id_seq TO tsunagu_app;
--> statement-breakpoint
ALTER TABLE benefit_claim_corrections ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON benefit_claim_corrections
  USING (EXISTS (SELECT 1 FROM benefit_claims c WHERE c.id = claim_id))
  WITH CHECK (EXISTS (SELECT 1 FROM benefit_claims c
    WHERE c.id = benefit_claim_corrections.claim_id AND c.municipality_code = benefit_claim_corrections.municipality_code));
--> statement-breakpoint
ALTER TABLE benefit_gift_dispatches ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON benefit_gift_dispatches
  USING (EXISTS (SELECT 1 FROM benefit_claims c WHERE c.id = claim_id))
  WITH CHECK (EXISTS (SELECT 1 FROM benefit_claims c
    WHERE c.id = benefit_gift_dispatches.claim_id AND c.municipality_code = benefit_gift_dispatches.municipality_code));
--> statement-breakpoint
ALTER TABLE benefit_gift_dispatch_history ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON benefit_gift_dispatch_history
  USING (EXISTS (SELECT 1 FROM benefit_claims c WHERE c.id = claim_id))
  WITH CHECK (EXISTS (SELECT 1 FROM benefit_claims c
    WHERE c.id = benefit_gift_dispatch_history.claim_id
      AND c.municipality_code = benefit_gift_dispatch_history.municipality_code));
