import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.ts';
import type { ScopedTx } from '../../platform/db/tenant-scope.ts';
import { AppError, badRequest, forbidden } from '../../platform/http/app-error.ts';
import type { AppServices } from '../../platform/services.ts';
import { benefitClaimHistory, benefitClaims } from './benefits.tables.ts';
import { auditActor, type BenefitsActor, staffCovers, transitionParty } from './benefits-actor.ts';
import './claim-events.ts';
import { CLAIM_STATUS_LABELS, type ClaimStatus, findTransition } from './claim-status.ts';
import { assertNotOwnReview } from './four-eyes.ts';

export type ClaimRow = typeof benefitClaims.$inferSelect;

/**
 * Loads a claim for change, locked, if the actor may see it: the parent who applied, or staff of its municipality
 * (Tokyo staff: any). Anyone else gets 404 — and an audit record of the refused access.
 */
export async function lockClaimInScope(
  services: AppServices,
  tx: ScopedTx,
  actor: BenefitsActor,
  claimId: string,
  requestId?: string | null,
): Promise<ClaimRow> {
  const [claim] = await tx.select().from(benefitClaims).where(eq(benefitClaims.id, claimId)).for('update');
  if (claim && inScope(actor, claim)) return claim;
  await recordAudit(services.db, {
    actor: auditActor(actor),
    action: 'benefit-claim.update',
    resource: { type: 'benefit-claim', id: claimId },
    municipalityCode: claim?.municipalityCode ?? null,
    purpose: 'claim status change',
    outcome: 'denied',
    requestId,
  });
  throw new AppError('not-found', 404, { en: 'No such claim.', ja: '該当する申請はありません。' });
}

export function inScope(actor: BenefitsActor, claim: Pick<ClaimRow, 'parentId' | 'municipalityCode'>): boolean {
  if (actor.kind === 'parent') return claim.parentId === actor.parentId;
  if (actor.kind === 'staff') return staffCovers(actor, claim.municipalityCode);
  return true;
}

/**
 * The one place a claim's status changes: checks the transition table and who may make the move, writes the
 * history row, the audit record and the claim.status-changed event in the caller's transaction.
 */
export async function transitionClaim(
  services: AppServices,
  tx: ScopedTx,
  claim: ClaimRow,
  to: ClaimStatus,
  options: { actor: BenefitsActor; reason?: string | null; requestId?: string | null; purpose: string },
): Promise<ClaimRow> {
  const transition = findTransition(claim.status, to);
  if (!transition) {
    throw new AppError('invalid-transition', 409, {
      en: `A claim that is "${CLAIM_STATUS_LABELS[claim.status].en}" cannot become "${CLAIM_STATUS_LABELS[to].en}".`,
      ja: `「${CLAIM_STATUS_LABELS[claim.status].ja}」の申請を「${CLAIM_STATUS_LABELS[to].ja}」にはできません。`,
    });
  }
  if (!transition.by.includes(transitionParty(options.actor))) throw forbidden();
  await assertNotOwnReview(tx, options.actor, claim.id, to);
  const reason = options.reason?.trim() || null;
  if (transition.needsReason && !reason) {
    throw badRequest('reason-required', 'body.reason', {
      en: 'Give the reason the parent will read.',
      ja: '保護者に伝える理由を入力してください。',
    });
  }
  const [updated] = await tx
    .update(benefitClaims)
    .set({ status: to, statusReason: reason, version: claim.version + 1, updatedAt: services.now() })
    .where(and(eq(benefitClaims.id, claim.id), eq(benefitClaims.version, claim.version)))
    .returning();
  if (!updated) {
    throw new AppError('claim-changed', 409, {
      en: 'The claim was changed by someone else. Reload and try again.',
      ja: '申請が他の操作で更新されました。再読み込みしてやり直してください。',
    });
  }
  const audit = auditActor(options.actor);
  await tx.insert(benefitClaimHistory).values({
    claimId: claim.id,
    municipalityCode: claim.municipalityCode,
    fromStatus: claim.status,
    toStatus: to,
    reason,
    actorType: audit.type,
    actorId: audit.id ?? null,
    occurredAt: services.now(),
  });
  await recordAudit(tx, {
    actor: audit,
    action: 'benefit-claim.update',
    resource: { type: 'benefit-claim', id: claim.id },
    municipalityCode: claim.municipalityCode,
    purpose: options.purpose,
    outcome: 'success',
    requestId: options.requestId,
    detail: { from: claim.status, to },
  });
  await services.events.publish(
    tx,
    'claim.status-changed',
    {
      claimId: claim.id,
      parentId: claim.parentId,
      childId: claim.childId,
      benefitCode: claim.benefitCode,
      fiscalYear: claim.fiscalYear,
      from: claim.status,
      to,
      reason,
    },
    { municipalityCode: claim.municipalityCode, requestId: options.requestId },
  );
  return updated;
}
