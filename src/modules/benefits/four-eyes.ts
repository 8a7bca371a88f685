import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { benefitClaimHistory } from './benefits.tables.ts';
import type { BenefitsActor } from './benefits-actor.ts';
import type { ClaimStatus } from './claim-status.ts';

/** The decisions a second person must take: whoever reviewed the claim may not decide it (four-eyes rule). */
export const DECISIONS: readonly ClaimStatus[] = ['approved', 'rejected'];
/** The moves that make a member of staff the claim's reviewer. */
const REVIEW_STEPS: ClaimStatus[] = ['under-review', 'needs-fix'];

export const reviewedByYou = () =>
  new AppError('four-eyes', 403, {
    en: 'You reviewed this claim, so another approver must decide it (four-eyes rule).',
    ja: 'この申請はあなたが審査したため、別の承認者が決定してください（二者確認）。',
  });

/**
 * The claims, of those given, that this member of staff reviewed (started the review of, or asked to be fixed):
 * read from the claim's history, which every status change writes in the same transaction as the change.
 */
export async function claimsReviewedBy(tx: Tx, staffId: string, claimIds: readonly string[]): Promise<Set<string>> {
  if (claimIds.length === 0) return new Set();
  const rows = await tx
    .selectDistinct({ claimId: benefitClaimHistory.claimId })
    .from(benefitClaimHistory)
    .where(
      and(
        inArray(benefitClaimHistory.claimId, [...claimIds]),
        eq(benefitClaimHistory.actorType, 'staff'),
        eq(benefitClaimHistory.actorId, staffId),
        inArray(benefitClaimHistory.toStatus, REVIEW_STEPS),
      ),
    );
  return new Set(rows.map((r) => r.claimId));
}

/** Refuses a decision by the claim's own reviewer. Called by the one place a status changes, so no path skips it. */
export async function assertNotOwnReview(tx: Tx, actor: BenefitsActor, claimId: string, to: ClaimStatus) {
  if (actor.kind !== 'staff' || !DECISIONS.includes(to)) return;
  if ((await claimsReviewedBy(tx, actor.staffId, [claimId])).has(claimId)) throw reviewedByYou();
}
