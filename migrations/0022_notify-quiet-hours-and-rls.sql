-- Quiet hours in one place: the planner (set-based INSERT … SELECT) and the retry path both call this, so a deferred
-- message and a retried one follow the same rule. Minutes are Asia/Tokyo wall-clock minutes after midnight; a window
-- with start > end crosses midnight (the default 21:00–08:00). Returns `at` itself when it is outside the window.
CREATE FUNCTION notify_quiet_release(at timestamptz, quiet_start integer, quiet_end integer) RETURNS timestamptz
LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN quiet_start = quiet_end THEN at
    WHEN quiet_start > quiet_end AND m >= quiet_start
      THEN (date_trunc('day', local) + interval '1 day' + quiet_end * interval '1 minute') AT TIME ZONE 'Asia/Tokyo'
    WHEN quiet_start > quiet_end AND m < quiet_end
      THEN (date_trunc('day', local) + quiet_end * interval '1 minute') AT TIME ZONE 'Asia/Tokyo'
    WHEN quiet_start < quiet_end AND m >= quiet_start AND m < quiet_end
      THEN (date_trunc('day', local) + quiet_end * interval '1 minute') AT TIME ZONE 'Asia/Tokyo'
    ELSE at
  END
  FROM (SELECT at AT TIME ZONE 'Asia/Tokyo' AS local) l,
       LATERAL (SELECT (extract(hour FROM l.local) * 60 + extract(minute FROM l.local))::integer AS m) x
$$;
--> statement-breakpoint
-- Parents read their own messages and preferences inside a household scope; staff dashboards read their own
-- municipality's. Same policy function as identity's tables (migration identity-rls).
ALTER TABLE notify_preferences ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON notify_preferences USING (tsunagu_in_scope(municipality_code, household_id))
  WITH CHECK (tsunagu_in_scope(municipality_code, household_id));
--> statement-breakpoint
ALTER TABLE notify_endpoints ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON notify_endpoints USING (tsunagu_in_scope(municipality_code, household_id))
  WITH CHECK (tsunagu_in_scope(municipality_code, household_id));
--> statement-breakpoint
ALTER TABLE notify_messages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON notify_messages USING (tsunagu_in_scope(municipality_code, household_id))
  WITH CHECK (tsunagu_in_scope(municipality_code, household_id));
--> statement-breakpoint
ALTER TABLE notify_deliveries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON notify_deliveries USING (tsunagu_in_scope(municipality_code, household_id))
  WITH CHECK (tsunagu_in_scope(municipality_code, household_id));
--> statement-breakpoint
ALTER TABLE notify_announcements ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_scope ON notify_announcements USING (tsunagu_in_scope(municipality_code, NULL))
  WITH CHECK (tsunagu_in_scope(municipality_code, NULL));
