import type { AppServices } from '../../../platform/services.ts';
import type { BenefitsActor } from '../benefits-actor.ts';
import type { ClaimStatus } from '../claim-status.ts';
import { lockClaimInScope, transitionClaim } from '../claim-transition.ts';
import { inBenefitsScope } from './benefits-scope.ts';

/**
 * One claim, one move: the parent withdrawing or resubmitting after a fix request, staff starting a review,
 * asking for a fix (reason required) or refusing (reason required). What is allowed, and for whom, is the
 * transition table's decision (claim-status.ts), not this function's.
 */
export async function changeClaimStatus(
  services: AppServices,
  input: { actor: BenefitsActor; claimId: string; to: ClaimStatus; reason?: string | null; requestId?: string | null },
) {
  return inBenefitsScope(services, input.actor, async (tx) => {
    const claim = await lockClaimInScope(services, tx, input.actor, input.claimId, input.requestId);
    const updated = await transitionClaim(services, tx, claim, input.to, {
      actor: input.actor,
      reason: input.reason,
      requestId: input.requestId,
      purpose: purposeOf(input.to),
    });
    return { id: updated.id, status: updated.status, reason: updated.statusReason };
  });
}

function purposeOf(to: ClaimStatus): string {
  switch (to) {
    case 'needs-fix':
      return 'fix request to the parent';
    case 'resubmitted':
      return 'parent resubmits after a fix request';
    case 'withdrawn':
      return 'parent withdraws the claim';
    case 'rejected':
      return 'claim refused';
    case 'under-review':
      return 'claim review started';
    default:
      return 'claim status change';
  }
}
