import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { type ActiveSubsidy, activeSubsidies } from './active-subsidies.ts';
import {
  auditChildAccess,
  authorizeClinic,
  type ClinicRequest,
  type ConsentCodeRow,
  noEligibility,
  redeemConsentCode,
  refusalAudit,
} from './clinic-access.ts';

export interface EligibilityResult {
  visit: ConsentCodeRow;
  subsidies: ActiveSubsidy[];
}

/**
 * Reception's check: redeem the parent's code once and read the child's subsidies in force on the visit date, in one
 * transaction with the audit on the child. `requireSubsidy` (the API) answers "no eligibility" exactly like a bad
 * code; the reception screen also serves vaccination visits, so it shows a consented child with no subsidy.
 */
export async function checkEligibility(
  req: ClinicRequest,
  input: { consentToken: string; visitDate: string; institutionCode?: string; requireSubsidy: boolean },
): Promise<EligibilityResult> {
  const { scope, institutionCode } = await authorizeClinic(req, input.institutionCode);
  const result = await withTenantScope(req.services.db, scope, async (tx) => {
    const visit = await redeemConsentCode(req.services, tx, input.consentToken, institutionCode);
    if (!visit) return undefined;
    const subsidies = await activeSubsidies(tx, visit.childId, input.visitDate);
    await auditChildAccess(tx, req, visit, 'health-eligibility.check', 'subsidy eligibility check at a clinic', {
      institutionCode,
      visitDate: input.visitDate,
      subsidies: subsidies.length,
    });
    return { visit, subsidies };
  });
  if (!result) {
    await refusalAudit(req, 'health-eligibility.check', institutionCode);
    throw noEligibility();
  }
  if (input.requireSubsidy && result.subsidies.length === 0) throw noEligibility();
  return result;
}
