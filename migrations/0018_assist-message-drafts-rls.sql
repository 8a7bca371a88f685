-- Message drafts belong to the program's municipality, like proposals (tsunagu_in_scope from identity's RLS).
GRANT SELECT, INSERT, UPDATE, DELETE ON assist_message_drafts TO tsunagu_app;
--> statement-breakpoint
ALTER TABLE assist_message_drafts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON assist_message_drafts USING (tsunagu_in_scope(municipality_code, NULL))
  WITH CHECK (tsunagu_in_scope(municipality_code, NULL));
