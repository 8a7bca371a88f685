-- Held notices are a parent's messages waiting for the monthly digest: the same tenant policy as notify_messages.
ALTER TABLE notify_held_notices ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_scope ON notify_held_notices USING (tsunagu_in_scope(municipality_code, household_id))
  WITH CHECK (tsunagu_in_scope(municipality_code, household_id));
