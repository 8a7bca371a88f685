-- Redeeming a consent code no longer runs in the Tokyo-wide scope. The redemption transaction of a clinic
-- (clinic/clinic-scope.ts: clinicRedemptionSettings) sets no municipality and no household (every tenant_scope policy
-- matches nothing), names its institution (tsunagu.clinic_institution, from 0024) and carries the code it presents:
-- the id from a signed token (tsunagu.clinic_code_id) or the typed short code (tsunagu.clinic_short_code). The
-- policies below then let that transaction reach only
-- - that code, while unused (to redeem it) or once redeemed by this institution (RETURNING reads the new row),
-- - the child links and subsidy recipients of the child an unused presented code names (the eligibility statement
--   reads them in the same statement as the UPDATE, so it still sees the code as unused: one snapshot),
-- and update only that code (clinic_redeem_update), only to mark it used by this institution. Expiry is checked by the use case with the
-- service clock (as everywhere in the clinic code), not here. Sessions without these settings get NULL from the
-- functions, so these policies add nothing for them. The presented code is the secret the parent handed over, so it
-- is carried as is: a hash of an 8-character code would be no harder to reverse than the code is to guess.
CREATE FUNCTION health_clinic_code_id() RETURNS uuid
LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('tsunagu.clinic_code_id', true), '')::uuid
$$;
--> statement-breakpoint
CREATE FUNCTION health_clinic_short_code() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('tsunagu.clinic_short_code', true), '')
$$;
--> statement-breakpoint
CREATE POLICY clinic_redeem ON health_consent_codes FOR SELECT
  USING ((id = (SELECT health_clinic_code_id()) OR short_code = (SELECT health_clinic_short_code()))
    AND (used_at IS NULL OR used_by_institution = (SELECT health_clinic_institution()))
    AND (SELECT health_clinic_institution()) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY clinic_redeem_update ON health_consent_codes FOR UPDATE
  USING ((id = (SELECT health_clinic_code_id()) OR short_code = (SELECT health_clinic_short_code()))
    AND used_at IS NULL AND (SELECT health_clinic_institution()) IS NOT NULL)
  WITH CHECK ((id = (SELECT health_clinic_code_id()) OR short_code = (SELECT health_clinic_short_code()))
    AND used_at IS NOT NULL AND used_by_institution = (SELECT health_clinic_institution()));
--> statement-breakpoint
CREATE POLICY clinic_redeem ON health_prenatal_consent_codes FOR SELECT
  USING ((id = (SELECT health_clinic_code_id()) OR short_code = (SELECT health_clinic_short_code()))
    AND (used_at IS NULL OR used_by_institution = (SELECT health_clinic_institution()))
    AND (SELECT health_clinic_institution()) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY clinic_redeem_update ON health_prenatal_consent_codes FOR UPDATE
  USING ((id = (SELECT health_clinic_code_id()) OR short_code = (SELECT health_clinic_short_code()))
    AND used_at IS NULL AND (SELECT health_clinic_institution()) IS NOT NULL)
  WITH CHECK ((id = (SELECT health_clinic_code_id()) OR short_code = (SELECT health_clinic_short_code()))
    AND used_at IS NOT NULL AND used_by_institution = (SELECT health_clinic_institution()));
--> statement-breakpoint
-- The children unused presented codes name, as an array; read under the clinic_redeem policy above, so it names
-- nothing but the presented code's child. (Two unused codes with the same short code — 30^8 codes, five minutes
-- each — would both count; the statement itself joins only the row it redeemed.) Measured on bench/eligibility:
-- - an array evaluated once per statement as an InitPlan lets `child_id = ANY (…)` use the links' primary key
--   (a set-returning function under IN, estimated at 1,000 rows, was planned as a hash join over every link);
-- - PL/pgSQL keeps the plan of its query for the session (a SQL function is planned again on every call);
-- - the same subquery written inline in the policies made the prepared statement's planning cost more than the
--   function calls.
CREATE FUNCTION health_clinic_presented_children() RETURNS uuid[]
LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF health_clinic_code_id() IS NULL AND health_clinic_short_code() IS NULL THEN
    RETURN '{}';
  END IF;
  RETURN (SELECT coalesce(array_agg(child_id), '{}') FROM health_consent_codes
           WHERE (id = health_clinic_code_id() OR short_code = health_clinic_short_code()) AND used_at IS NULL);
END
$$;
--> statement-breakpoint
CREATE POLICY clinic_redeem ON health_child_links FOR SELECT
  USING (child_id = ANY ((SELECT health_clinic_presented_children())::uuid[]));
--> statement-breakpoint
CREATE POLICY clinic_redeem ON health_subsidy_recipients FOR SELECT
  USING ((municipality_code, resident_number) IN (
    SELECT l.municipality_code, l.resident_number FROM health_child_links l
     WHERE l.child_id = ANY ((SELECT health_clinic_presented_children())::uuid[])));
--> statement-breakpoint
-- The UPDATE policy can check the new row but not compare it with the old one: a clinic transaction may change a
-- code only by redeeming it (used_at, used_by_institution), never re-point it at another child or pregnancy.
CREATE FUNCTION health_consent_code_redeem_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF health_clinic_institution() IS NOT NULL
     AND (to_jsonb(NEW) - 'used_at' - 'used_by_institution')
         IS DISTINCT FROM (to_jsonb(OLD) - 'used_at' - 'used_by_institution') THEN
    RAISE EXCEPTION 'a clinic may only redeem a consent code' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER health_consent_codes_redeem_only BEFORE UPDATE ON health_consent_codes
  FOR EACH ROW EXECUTE FUNCTION health_consent_code_redeem_only();
--> statement-breakpoint
CREATE TRIGGER health_prenatal_consent_codes_redeem_only BEFORE UPDATE ON health_prenatal_consent_codes
  FOR EACH ROW EXECUTE FUNCTION health_consent_code_redeem_only();
