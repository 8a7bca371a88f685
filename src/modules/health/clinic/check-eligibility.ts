import type { ActiveSubsidy } from './active-subsidies.ts';
import {
  authorizeClinic,
  type ClinicRequest,
  type ConsentCodeRow,
  noEligibility,
  refusalAudit,
} from './clinic-access.ts';
import type { ClinicRedemption } from './clinic-scope.ts';
import { normalizeShortCode, verifyConsentToken } from './consent-token.ts';
import { executeInScope, type ScopedStatement } from './scoped-client.ts';
import { consentKey } from './signing-key.ts';

export interface EligibilityResult {
  visit: ConsentCodeRow;
  subsidies: ActiveSubsidy[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Redeem + subsidies + audit as ONE statement (data-modifying CTEs share a snapshot and commit together): the code is
 * used only if unused and unexpired (two receptions racing get one success, as before), the subsidies are read
 * through the 宛名番号 link, and the audit row on the child is written only when a code was redeemed, in the same
 * transaction, so an acknowledged check always has its audit row. Prepared once per connection (scoped-client.ts),
 * run in the clinic's redemption scope (clinic-scope.ts): the filters below say what the policies also enforce.
 * $3 is the id from a signed token, $4 a typed short code (one live row picked, so a rare clash can never use two
 * codes at once).
 */
const ELIGIBILITY_STATEMENT: ScopedStatement = {
  name: 'health_eligibility_check',
  // now, institution, token id, short code, visit date, actor type, actor id, request id
  types: ['timestamptz', 'text', 'uuid', 'text', 'date', 'text', 'text', 'text'],
  text: `
with target as (
  select coalesce($3::uuid, (select id from health_consent_codes
                             where short_code = $4 and used_at is null and expires_at > $1 limit 1)) as id
), redeemed as (
  update health_consent_codes c set used_at = $1, used_by_institution = $2
  from target t
  where c.id = t.id and c.used_at is null and c.expires_at > $1
  returning c.*
), subsidies as (
  select r.id, s.insurer_number, r.recipient_number, s.name_ja, s.name_en, r.valid_from, r.valid_to, s.copay
  from redeemed c
  join health_child_links l on l.child_id = c.child_id
  join health_subsidy_recipients r on r.municipality_code = l.municipality_code and r.resident_number = l.resident_number
  join health_subsidy_schemes s on s.id = r.scheme_id
  where r.ended_at is null and r.valid_from <= $5::date and r.valid_to >= $5::date
), audit as (
  insert into audit_events (actor_type, actor_id, action, resource_type, resource_id, municipality_code, purpose,
                            outcome, request_id, detail)
  select $6, $7, 'health-eligibility.check', 'child', c.child_id::text, c.municipality_code,
         'subsidy eligibility check at a clinic', 'success', $8,
         jsonb_build_object('institutionCode', $2::text, 'visitDate', $5::text,
                            'subsidies', (select count(*) from subsidies))
  from redeemed c
)
select c.id, c.short_code, c.child_id, c.household_id, c.municipality_code, c.purpose, c.child, c.expires_at,
       c.used_at, c.used_by_institution, c.created_by, c.created_at,
       coalesce((select json_agg(s order by s.insurer_number) from subsidies s), '[]'::json) as subsidies
from redeemed c`,
};

interface EligibilityRow {
  id: string;
  short_code: string;
  child_id: string;
  household_id: string;
  municipality_code: string;
  purpose: string;
  child: ConsentCodeRow['child'];
  expires_at: Date;
  used_at: Date | null;
  used_by_institution: string | null;
  created_by: string;
  created_at: Date;
  subsidies: {
    id: string;
    insurer_number: string;
    recipient_number: string;
    name_ja: string;
    name_en: string;
    valid_from: string;
    valid_to: string;
    copay: { kind: 'none' | 'per-visit'; outpatientYen?: number; note?: string };
  }[];
}

/**
 * Reception's check: redeem the parent's code once and read the child's subsidies in force on the visit date, with
 * the audit on the child, in one statement. `requireSubsidy` (the API) answers "no eligibility" exactly like a bad
 * code; the reception screen also serves vaccination visits, so it shows a consented child with no subsidy.
 */
export async function checkEligibility(
  req: ClinicRequest,
  input: { consentToken: string; visitDate: string; institutionCode?: string; requireSubsidy: boolean },
): Promise<EligibilityResult> {
  const { institutionCode } = await authorizeClinic(req, input.institutionCode);
  const now = req.services.now();
  let tokenId: string | null = null;
  let shortCode: string | null = null;
  if (input.consentToken.includes('.')) {
    const payload = verifyConsentToken(await consentKey(req.services), input.consentToken, now);
    if (payload && UUID.test(payload.id)) tokenId = payload.id;
  } else {
    shortCode = normalizeShortCode(input.consentToken) ?? null;
  }
  // Not the Tokyo-wide scope: the transaction carries the code presented, and RLS (health-clinic-redemption-scope)
  // lets it reach only that code and the links and subsidies of the child it names.
  const redemption: ClinicRedemption = { kind: 'clinic-redemption', institutionCode, codeId: tokenId, shortCode };
  const row =
    tokenId || shortCode
      ? (
          await executeInScope<EligibilityRow>(req.services.database.pool, redemption, ELIGIBILITY_STATEMENT, [
            now,
            institutionCode,
            tokenId,
            shortCode,
            input.visitDate,
            req.actor.type,
            req.actor.id ?? null,
            req.requestId ?? null,
          ])
        )[0]
      : undefined;
  if (!row) {
    await refusalAudit(req, 'health-eligibility.check', institutionCode);
    throw noEligibility();
  }
  const subsidies = row.subsidies.map((s) => ({
    id: s.id,
    insurerNumber: s.insurer_number,
    recipientNumber: s.recipient_number,
    schemeName: s.name_ja,
    schemeNameEn: s.name_en,
    validFrom: s.valid_from,
    validTo: s.valid_to,
    copay: {
      kind: s.copay.kind,
      outpatientYen: s.copay.kind === 'none' ? 0 : (s.copay.outpatientYen ?? 0),
      note: s.copay.note,
    },
  }));
  if (input.requireSubsidy && subsidies.length === 0) throw noEligibility();
  const visit: ConsentCodeRow = {
    id: row.id,
    shortCode: row.short_code,
    childId: row.child_id,
    householdId: row.household_id,
    municipalityCode: row.municipality_code,
    purpose: row.purpose,
    child: row.child,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
    usedByInstitution: row.used_by_institution,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
  return { visit, subsidies };
}
