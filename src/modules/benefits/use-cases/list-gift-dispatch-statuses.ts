import { and, eq, inArray } from 'drizzle-orm';
import type { AppServices } from '../../../platform/services.ts';
import { benefitClaims } from '../benefits.tables.ts';
import type { BenefitsActor } from '../benefits-actor.ts';
import { benefitGiftDispatches } from '../gift/gift-dispatch.tables.ts';
import { GIFT_DISPATCH_LABELS, GIFT_NEXT_STEP, type GiftDispatchStatus } from '../gift/gift-dispatch-status.ts';
import { inBenefitsScope } from './benefits-scope.ts';

/**
 * The gift card state of the parent's decided 赤ちゃんファースト claims, for the claim list: a decided gift is not a
 * transfer, so its next step is the card's, not "you will be told the transfer date". Only the parent's own claims
 * (parent_id in the query, and the household's row-level-security scope); the claims themselves were read — and audited — by the list this decorates.
 */
export async function listGiftDispatchStatuses(
  services: AppServices,
  input: { actor: BenefitsActor & { kind: 'parent' }; claimIds: string[] },
) {
  const result = new Map<string, { label: { ja: string; en: string } | null; nextStep: { ja: string; en: string } }>();
  if (input.claimIds.length === 0) return result;
  const rows = await inBenefitsScope(services, input.actor, (tx) =>
    tx
      .select({ claimId: benefitClaims.id, status: benefitGiftDispatches.status })
      .from(benefitClaims)
      .leftJoin(benefitGiftDispatches, eq(benefitGiftDispatches.claimId, benefitClaims.id))
      .where(
        and(
          inArray(benefitClaims.id, input.claimIds),
          eq(benefitClaims.parentId, input.actor.parentId),
          eq(benefitClaims.benefitCode, 'akachan-first'),
          eq(benefitClaims.status, 'approved'),
        ),
      ),
  );
  for (const row of rows) {
    const status = row.status as GiftDispatchStatus | null;
    result.set(row.claimId, {
      label: status ? GIFT_DISPATCH_LABELS[status] : null,
      nextStep: GIFT_NEXT_STEP[status ?? 'awaiting'],
    });
  }
  return result;
}
