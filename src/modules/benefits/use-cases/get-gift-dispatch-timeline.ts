import { asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { benefitClaims } from '../benefits.tables.ts';
import { auditActor, type BenefitsActor } from '../benefits-actor.ts';
import { inScope } from '../claim-transition.ts';
import { benefitGiftDispatches, benefitGiftDispatchHistory } from '../gift/gift-dispatch.tables.ts';
import { GIFT_DISPATCH_LABELS, GIFT_NEXT_STEP, type GiftDispatchStatus } from '../gift/gift-dispatch-status.ts';
import { inBenefitsScope } from './benefits-scope.ts';

/**
 * The 赤ちゃんファースト card's steps for a claim's timeline, and what happens next with it. `null` for a claim
 * that has no card (018サポート) or whose gift is not decided yet: the claim's own next step applies then.
 * Same scope as the claim (its parent; staff of its municipality); the read is audited.
 */
export async function getGiftDispatchTimeline(
  services: AppServices,
  input: { actor: BenefitsActor; claimId: string; requestId?: string | null },
) {
  return inBenefitsScope(services, input.actor, async (tx) => {
    const [claim] = await tx.select().from(benefitClaims).where(eq(benefitClaims.id, input.claimId));
    const allowed = claim !== undefined && inScope(input.actor, claim);
    // A refusal is recorded outside the scoped transaction, which the 404 rolls back.
    await recordAudit(allowed ? tx : services.db, {
      actor: auditActor(input.actor),
      action: 'benefit-claim.read',
      resource: { type: 'benefit-claim', id: input.claimId },
      municipalityCode: claim?.municipalityCode ?? null,
      purpose: 'gift card dispatch status',
      outcome: allowed ? 'success' : 'denied',
      requestId: input.requestId,
    });
    if (!claim || !allowed)
      throw new AppError('not-found', 404, { en: 'No such claim.', ja: '該当する申請はありません。' });
    if (claim.benefitCode !== 'akachan-first') return null;
    const [dispatch] = await tx.select().from(benefitGiftDispatches).where(eq(benefitGiftDispatches.claimId, claim.id));
    const history = dispatch
      ? await tx
          .select()
          .from(benefitGiftDispatchHistory)
          .where(eq(benefitGiftDispatchHistory.claimId, claim.id))
          .orderBy(asc(benefitGiftDispatchHistory.id))
      : [];
    const status: GiftDispatchStatus | null = dispatch?.status ?? null;
    return {
      status,
      timeline: history.map((h) => ({
        status: h.toStatus,
        label: GIFT_DISPATCH_LABELS[h.toStatus],
        at: h.occurredAt.toISOString(),
        reason: null,
      })),
      // Only a decided gift has a card on its way; before that the claim's own next step is the one to show.
      nextStep: claim.status === 'approved' ? GIFT_NEXT_STEP[status ?? 'awaiting'] : null,
    };
  });
}
