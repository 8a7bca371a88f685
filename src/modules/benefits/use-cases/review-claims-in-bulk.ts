import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { ScopedTx } from '../../../platform/db/tenant-scope.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { bankAccountSchema } from '../bank-account.schemas.ts';
import { benefitApplications, benefitClaims } from '../benefits.tables.ts';
import { type BenefitsActor, requireStaff } from '../benefits-actor.ts';
import type { ClaimStatus } from '../claim-status.ts';
import { type ClaimRow, inScope, transitionClaim } from '../claim-transition.ts';
import { claimsReviewedBy } from '../four-eyes.ts';
import { parseInput } from '../input-validation.ts';
import { inBenefitsScope } from './benefits-scope.ts';

const idsSchema = z.object({ claimIds: z.array(z.string().uuid()).min(1).max(500) });

export interface BulkOutcome {
  claimId: string;
  outcome: 'done' | 'skipped';
  /** Why a claim was skipped, stable for the console to translate. */
  check?:
    | 'not-found'
    | 'wrong-status'
    | 'reviewed-by-you'
    | 'no-amount'
    | 'months-outside-year'
    | 'bank-account-invalid';
  status?: ClaimStatus;
}

/**
 * Bulk approval (審査中 → 支給決定) by an approver. Each claim is checked again before it is approved — in scope,
 * still under review, not reviewed by this approver (four eyes), an amount and months inside its fiscal year, a bank account that still passes the 全銀
 * checks — and a claim that fails a check is skipped with the check named; the others are approved. One transaction,
 * claims locked in id order so two approvers cannot deadlock or approve twice.
 */
export async function bulkApproveClaims(
  services: AppServices,
  input: { actor: BenefitsActor; claimIds: string[]; requestId?: string | null },
): Promise<BulkOutcome[]> {
  requireStaff(input.actor, ['benefits-approver']);
  const { claimIds } = parseInput(idsSchema, { claimIds: input.claimIds });
  const approverId = input.actor.staffId;
  let ownReviews: Set<string> | undefined;
  return bulk(services, input.actor, claimIds, async (tx, claim) => {
    if (claim.status !== 'under-review') return 'wrong-status';
    // Four eyes: a claim this approver reviewed is left for another approver (one query for the whole batch).
    ownReviews ??= await claimsReviewedBy(tx, approverId, claimIds);
    if (ownReviews.has(claim.id)) return 'reviewed-by-you';
    if (claim.amount <= 0) return 'no-amount';
    if (claim.benefitCode === '018support') {
      const fy = claim.fiscalYear;
      const inYear = (m: string) => m >= `${fy}-04` && m <= `${fy + 1}-03`;
      if (claim.months.length === 0 || !claim.months.every(inYear)) return 'months-outside-year';
    }
    const [application] = await tx
      .select()
      .from(benefitApplications)
      .where(eq(benefitApplications.id, claim.applicationId));
    const account = application && {
      source: application.accountSource,
      bankCode: application.bankCode,
      branchCode: application.branchCode,
      accountType: application.accountType,
      accountNumber: application.accountNumber,
      holderKana: application.accountHolderKana,
    };
    if (!account || !bankAccountSchema.safeParse(account).success) return 'bank-account-invalid';
    await transitionClaim(services, tx, claim, 'approved', {
      actor: input.actor,
      requestId: input.requestId,
      purpose: 'bulk approval',
    });
    return null;
  });
}

/** Moves received or resubmitted claims into review (申請受付 / 再提出 → 審査中), in bulk. */
export async function startClaimReviews(
  services: AppServices,
  input: { actor: BenefitsActor; claimIds: string[]; requestId?: string | null },
): Promise<BulkOutcome[]> {
  requireStaff(input.actor, ['benefits-clerk', 'benefits-approver']);
  const { claimIds } = parseInput(idsSchema, { claimIds: input.claimIds });
  return bulk(services, input.actor, claimIds, async (tx, claim) => {
    if (claim.status !== 'received' && claim.status !== 'resubmitted') return 'wrong-status';
    await transitionClaim(services, tx, claim, 'under-review', {
      actor: input.actor,
      requestId: input.requestId,
      purpose: 'claim review started',
    });
    return null;
  });
}

async function bulk(
  services: AppServices,
  actor: BenefitsActor,
  claimIds: string[],
  step: (tx: ScopedTx, claim: ClaimRow) => Promise<BulkOutcome['check'] | null>,
): Promise<BulkOutcome[]> {
  const ids = [...new Set(claimIds)].sort();
  return inBenefitsScope(services, actor, async (tx) => {
    const rows = await tx
      .select()
      .from(benefitClaims)
      .where(inArray(benefitClaims.id, ids))
      .orderBy(benefitClaims.id)
      .for('update');
    const outcomes: BulkOutcome[] = [];
    for (const id of ids) {
      const claim = rows.find((r) => r.id === id);
      if (!claim || !inScope(actor, claim)) {
        outcomes.push({ claimId: id, outcome: 'skipped', check: 'not-found' });
        continue;
      }
      const failed = await step(tx, claim);
      if (failed) outcomes.push({ claimId: id, outcome: 'skipped', check: failed, status: claim.status });
      else outcomes.push({ claimId: id, outcome: 'done' });
    }
    if (outcomes.every((o) => o.check === 'not-found')) {
      throw new AppError('not-found', 404, { en: 'None of these claims exist.', ja: '該当する申請がありません。' });
    }
    return outcomes;
  });
}
