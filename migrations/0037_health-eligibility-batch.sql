-- The clinic eligibility check as one database function over a BATCH of presented codes (bench/eligibility).
--
-- Why a function, not the clinic_redeem row policies of 0036: those policies cost about 2.5 ms of PostgreSQL CPU per
-- check (a plpgsql call and OR-ed InitPlans evaluated per row), and they can describe only one presented code per
-- transaction, so concurrent checks could not share a round trip or a commit. This function is the policy instead:
-- it is SECURITY DEFINER, the app role may only EXECUTE it, and its body can reach nothing but the codes it is given:
-- - a code is redeemed only if it is unused and unexpired at `checked_at`, and is marked used by the institution that
--   presented it (two presentations of one code in one batch or in two batches: one succeeds — UPDATE … FROM changes
--   a row once and the row lock serialises batches);
-- - a typed short code is looked up among unused, unexpired codes only (one row, so a rare clash uses one code);
-- - the subsidies read are those of the child a redeemed code names, in force on that check's visit date;
-- - every presented code gets one audit row in the same transaction: 'success' on the child it opened (so it shows
--   in the parent's access log), or 'denied' with no resource, never saying why (forged, expired, used, unknown).
-- A presentation with neither id nor short code (a token whose signature or expiry failed in the server) is audited
-- as denied and redeems nothing. Actor type is always clinic staff: the server calls this only for them.
CREATE FUNCTION health_check_eligibility(
  checked_at timestamptz, code_ids uuid[], short_codes text[], institutions text[], visit_dates date[],
  actor_ids text[], request_ids text[])
RETURNS TABLE (ord bigint, id uuid, short_code text, child_id uuid, household_id uuid, municipality_code text,
               purpose text, child jsonb, expires_at timestamptz, used_at timestamptz, used_by_institution text,
               created_by text, created_at timestamptz, subsidies json)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  RETURN QUERY
  WITH presented AS (
    SELECT p.*, coalesce(p.code_id, (SELECT c.id FROM health_consent_codes c
                                     WHERE c.short_code = p.short_code AND c.used_at IS NULL
                                       AND c.expires_at > checked_at LIMIT 1)) AS target
    FROM unnest(code_ids, short_codes, institutions, visit_dates, actor_ids, request_ids)
           WITH ORDINALITY AS p(code_id, short_code, institution, visit_date, actor_id, request_id, ord)
  ), redeemed AS (
    UPDATE health_consent_codes c SET used_at = checked_at, used_by_institution = p.institution
    FROM presented p
    WHERE c.id = p.target AND c.used_at IS NULL AND c.expires_at > checked_at
    RETURNING p.ord, p.visit_date, p.actor_id, p.request_id, c.*
  ), found AS (
    SELECT c.ord, r.id, s.insurer_number, r.recipient_number, s.name_ja, s.name_en, r.valid_from, r.valid_to, s.copay
    FROM redeemed c
    JOIN health_child_links l ON l.child_id = c.child_id
    JOIN health_subsidy_recipients r ON r.municipality_code = l.municipality_code
                                    AND r.resident_number = l.resident_number
    JOIN health_subsidy_schemes s ON s.id = r.scheme_id
    WHERE r.ended_at IS NULL AND r.valid_from <= c.visit_date AND r.valid_to >= c.visit_date
  ), audited AS (
    INSERT INTO audit_events (actor_type, actor_id, action, resource_type, resource_id, municipality_code, purpose,
                              outcome, request_id, detail)
    SELECT 'clinic-staff', c.actor_id, 'health-eligibility.check', 'child', c.child_id::text, c.municipality_code,
           'subsidy eligibility check at a clinic', 'success', c.request_id,
           jsonb_build_object('institutionCode', c.used_by_institution, 'visitDate', c.visit_date::text,
                              'subsidies', (SELECT count(*) FROM found f WHERE f.ord = c.ord))
    FROM redeemed c
    UNION ALL
    SELECT 'clinic-staff', p.actor_id, 'health-eligibility.check', 'consent-code', NULL, NULL,
           'clinic check without a valid consent code', 'denied', p.request_id,
           jsonb_build_object('institutionCode', p.institution)
    FROM presented p WHERE NOT EXISTS (SELECT 1 FROM redeemed c WHERE c.ord = p.ord)
  )
  SELECT c.ord, c.id, c.short_code, c.child_id, c.household_id, c.municipality_code, c.purpose, c.child,
         c.expires_at, c.used_at, c.used_by_institution, c.created_by, c.created_at,
         coalesce((SELECT json_agg(f ORDER BY f.insurer_number) FROM found f WHERE f.ord = c.ord), '[]'::json)
  FROM redeemed c;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION health_check_eligibility(timestamptz, uuid[], text[], text[], date[], text[], text[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION health_check_eligibility(timestamptz, uuid[], text[], text[], date[], text[], text[]) TO tsunagu_app;
