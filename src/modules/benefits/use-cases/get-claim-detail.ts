import { eq } from 'drizzle-orm';
import type { AppServices } from '../../../platform/services.ts';
import { benefitApplications, benefitClaims } from '../benefits.tables.ts';
import type { BenefitsActor } from '../benefits-actor.ts';
import type { BenefitEvaluation } from '../rules/evaluation.ts';
import { inBenefitsScope } from './benefits-scope.ts';
import { getClaimTimeline } from './get-claim-timeline.ts';

/**
 * What a reviewer needs on one claim: the timeline (scope check and audit happen there), the rules' reasons as
 * evaluated when the claim was opened, and the account it would be paid to.
 */
export async function getClaimDetail(
  services: AppServices,
  input: { actor: BenefitsActor; claimId: string; requestId?: string | null },
) {
  const view = await getClaimTimeline(services, input);
  const [row] = await inBenefitsScope(services, input.actor, (tx) =>
    tx
      .select({
        evaluation: benefitClaims.evaluation,
        bankCode: benefitApplications.bankCode,
        branchCode: benefitApplications.branchCode,
        accountType: benefitApplications.accountType,
        accountNumber: benefitApplications.accountNumber,
        holder: benefitApplications.accountHolderKana,
        signed: benefitApplications.signature,
      })
      .from(benefitClaims)
      .innerJoin(benefitApplications, eq(benefitApplications.id, benefitClaims.applicationId))
      .where(eq(benefitClaims.id, input.claimId)),
  );
  const evaluation = row?.evaluation as BenefitEvaluation | undefined;
  return {
    ...view,
    reasons: evaluation?.reasons ?? [],
    account: row
      ? `${row.bankCode}-${row.branchCode} ${row.accountType} ${row.accountNumber} ${row.holder}${row.signed ? ' ✓署名' : ''}`
      : '',
  };
}
