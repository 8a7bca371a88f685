import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { prenatalConsentCodes } from '../clinic/clinic.tables.ts';
import { authorizeClinic, type ClinicRequest, noEligibility, refusalAudit } from '../clinic/clinic-access.ts';
import { type PrenatalConsentCodeRow, withClinicRedemptionScope } from '../clinic/clinic-scope.ts';
import { normalizeShortCode } from '../clinic/consent-token.ts';
import { prenatalKey, verifyPrenatalToken } from './prenatal-consent-token.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reception redeems the expecting parent's 妊婦健診 code: one UPDATE … WHERE used_at IS NULL AND unexpired
 * RETURNING, so a code works once even when two receptions race. It runs in the clinic's redemption scope
 * (clinic-scope.ts), which carries the presented code: RLS lets the transaction see and redeem that code only,
 * wherever in Tokyo the family lives; everything after it runs in the visit scope. Audited on the pregnancy.
 *
 * `quiet`: the reception screen tries a typed code here first and falls back to the child codes; a miss then is not
 * a refusal yet (the child check audits its own refusal). The API is never quiet.
 */
export async function redeemPrenatalCode(
  req: ClinicRequest,
  input: { consentToken: string; institutionCode?: string; quiet?: boolean },
): Promise<PrenatalConsentCodeRow> {
  const { institutionCode } = await authorizeClinic(req, input.institutionCode);
  const now = req.services.now();
  let id: string | undefined;
  let shortCode: string | undefined;
  if (input.consentToken.includes('.')) {
    const payload = verifyPrenatalToken(await prenatalKey(req.services), input.consentToken, now);
    if (payload && UUID.test(payload.id)) id = payload.id;
  } else {
    shortCode = normalizeShortCode(input.consentToken);
  }
  const row =
    id || shortCode
      ? await withClinicRedemptionScope(
          req.services,
          { kind: 'clinic-redemption', institutionCode, codeId: id ?? null, shortCode: shortCode ?? null },
          async (tx) => {
            const target = id
              ? eq(prenatalConsentCodes.id, id)
              : eq(
                  prenatalConsentCodes.id,
                  sql`(select id from health_prenatal_consent_codes
                 where short_code = ${shortCode} and used_at is null and expires_at > ${now} limit 1)`,
                );
            const [redeemed] = await tx
              .update(prenatalConsentCodes)
              .set({ usedAt: now, usedByInstitution: institutionCode })
              .where(and(target, isNull(prenatalConsentCodes.usedAt), gt(prenatalConsentCodes.expiresAt, now)))
              .returning();
            if (redeemed) {
              await recordAudit(tx, {
                actor: req.actor,
                action: 'health-prenatal.check',
                resource: { type: 'pregnancy', id: redeemed.pregnancyId },
                municipalityCode: redeemed.municipalityCode,
                purpose: 'prenatal check-up (妊婦健診) at a clinic',
                outcome: 'success',
                requestId: req.requestId ?? null,
                detail: { institutionCode },
              });
            }
            return redeemed;
          },
        )
      : undefined;
  if (row) return row;
  if (!input.quiet) await refusalAudit(req, 'health-prenatal.check', institutionCode);
  throw noEligibility();
}
