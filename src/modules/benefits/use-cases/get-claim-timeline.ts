import { asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { benefitClaimHistory, benefitClaims } from '../benefits.tables.ts';
import { auditActor, type BenefitsActor } from '../benefits-actor.ts';
import { CLAIM_STATUS_LABELS, NEXT_STEP } from '../claim-status.ts';
import { inScope } from '../claim-transition.ts';
import { inBenefitsScope } from './benefits-scope.ts';

/** A claim's timeline as the parent sees it: each status with its date and reason, and what happens next. */
export async function getClaimTimeline(
  services: AppServices,
  input: { actor: BenefitsActor; claimId: string; requestId?: string | null },
) {
  return inBenefitsScope(services, input.actor, async (tx) => {
    const [claim] = await tx.select().from(benefitClaims).where(eq(benefitClaims.id, input.claimId));
    const allowed = claim !== undefined && inScope(input.actor, claim);
    await recordAudit(allowed ? tx : services.db, {
      actor: auditActor(input.actor),
      action: 'benefit-claim.read',
      resource: { type: 'benefit-claim', id: input.claimId },
      municipalityCode: claim?.municipalityCode ?? null,
      purpose: input.actor.kind === 'parent' ? 'parent views claim status' : 'staff views claim status',
      outcome: allowed ? 'success' : 'denied',
      requestId: input.requestId,
    });
    if (!claim || !allowed)
      throw new AppError('not-found', 404, { en: 'No such claim.', ja: '該当する申請はありません。' });
    const history = await tx
      .select()
      .from(benefitClaimHistory)
      .where(eq(benefitClaimHistory.claimId, claim.id))
      .orderBy(asc(benefitClaimHistory.id));
    return {
      childId: claim.childId,
      claim: {
        id: claim.id,
        childId: claim.childId,
        benefitCode: claim.benefitCode,
        fiscalYear: claim.fiscalYear,
        status: claim.status,
        statusLabel: CLAIM_STATUS_LABELS[claim.status],
        reason: claim.statusReason,
        months: claim.months,
        amount: claim.amount,
      },
      timeline: history.map((h) => ({
        status: h.toStatus,
        label: CLAIM_STATUS_LABELS[h.toStatus],
        at: h.occurredAt.toISOString(),
        reason: h.reason,
      })),
      nextStep: NEXT_STEP[claim.status],
    };
  });
}
