import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { forbidden } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { recordAudits } from '../audit-batch.ts';
import { benefitClaims } from '../benefits.tables.ts';
import { auditActor, type BenefitsActor, requireStaff, staffCovers } from '../benefits-actor.ts';
import '../gift/gift-dispatch-events.ts';
import { benefitGiftDispatches, benefitGiftDispatchHistory } from '../gift/gift-dispatch.tables.ts';
import { GIFT_DISPATCH_STATUSES, type GiftDispatchStatus, giftDispatchFrom } from '../gift/gift-dispatch-status.ts';
import { parseInput } from '../input-validation.ts';
import { inBenefitsScope } from './benefits-scope.ts';

const inputSchema = z.object({
  municipalityCode: z.string().refine((v) => /^\d{6}$/.test(v), {
    message: 'A municipality code is 6 digits',
    params: { ja: '区市町村コードは6桁です' },
  }),
  to: z.enum(GIFT_DISPATCH_STATUSES),
  /** The cards ticked on the page; omitted: every card of the municipality in the state before `to`. */
  claimIds: z.array(z.uuid()).min(1).max(2000).optional(),
});

export interface GiftOutcome {
  claimId: string;
  outcome: 'done' | 'skipped';
  check?: 'not-found' | 'wrong-status';
  status?: GiftDispatchStatus | 'awaiting';
}

/**
 * Moves 赤ちゃんファースト cards of one municipality one step (発送準備 → 発送済 → 受取済, from
 * gift-dispatch-status.ts), in bulk: the ticked claims, or every card of the municipality waiting for that step.
 * The treasury does it (the party that sends money out sends the cards). One transaction; claims locked in id order
 * so two runs cannot move a card twice; a card in another state is skipped with the check named. Each move writes
 * a history row (the parent's timeline), an audit row and a gift-dispatch.status-changed event (→ notify).
 */
export async function advanceGiftDispatches(
  services: AppServices,
  input: {
    actor: BenefitsActor;
    municipalityCode: string;
    to: GiftDispatchStatus;
    claimIds?: string[];
    requestId?: string | null;
  },
): Promise<GiftOutcome[]> {
  const { actor } = input;
  requireStaff(actor, ['benefits-treasury']);
  const { municipalityCode, to, claimIds } = parseInput(inputSchema, {
    municipalityCode: input.municipalityCode,
    to: input.to,
    claimIds: input.claimIds,
  });
  if (!staffCovers(actor, municipalityCode)) throw forbidden();
  const from = giftDispatchFrom(to);

  return inBenefitsScope(services, actor, async (tx) => {
    const conditions: SQL[] = [
      eq(benefitClaims.municipalityCode, municipalityCode),
      eq(benefitClaims.benefitCode, 'akachan-first'),
      // The card is sent only for a decided gift (支給決定); the claim machine stops there for this benefit.
      eq(benefitClaims.status, 'approved'),
    ];
    if (claimIds) conditions.push(inArray(benefitClaims.id, [...new Set(claimIds)]));
    const claims = await tx
      .select({ id: benefitClaims.id, parentId: benefitClaims.parentId, childId: benefitClaims.childId })
      .from(benefitClaims)
      .where(and(...conditions))
      .orderBy(asc(benefitClaims.id))
      .for('update');
    const dispatches = claims.length
      ? await tx
          .select()
          .from(benefitGiftDispatches)
          .where(
            inArray(
              benefitGiftDispatches.claimId,
              claims.map((c) => c.id),
            ),
          )
      : [];
    const byClaim = new Map(dispatches.map((d) => [d.claimId, d]));
    const outcomes: GiftOutcome[] = [];
    const audit = auditActor(actor);
    const now = services.now();
    const moved: string[] = [];
    for (const claim of claims) {
      const current = byClaim.get(claim.id);
      const status = current?.status ?? null;
      if (status !== from) {
        // Only ticked cards are reported; a municipality-wide run simply leaves the others where they are.
        if (claimIds)
          outcomes.push({ claimId: claim.id, outcome: 'skipped', check: 'wrong-status', status: status ?? 'awaiting' });
        continue;
      }
      let dispatchId: string;
      if (!current) {
        const [created] = await tx
          .insert(benefitGiftDispatches)
          .values({ claimId: claim.id, municipalityCode, status: to, createdAt: now, updatedAt: now })
          .returning({ id: benefitGiftDispatches.id });
        dispatchId = created!.id;
      } else {
        await tx
          .update(benefitGiftDispatches)
          .set({ status: to, version: current.version + 1, updatedAt: now })
          .where(eq(benefitGiftDispatches.id, current.id));
        dispatchId = current.id;
      }
      await tx.insert(benefitGiftDispatchHistory).values({
        dispatchId,
        claimId: claim.id,
        municipalityCode,
        fromStatus: from,
        toStatus: to,
        actorType: audit.type,
        actorId: audit.id ?? null,
        occurredAt: now,
      });
      await services.events.publish(
        tx,
        'gift-dispatch.status-changed',
        { claimId: claim.id, parentId: claim.parentId, childId: claim.childId, from, to },
        { municipalityCode, requestId: input.requestId },
      );
      moved.push(claim.id);
      outcomes.push({ claimId: claim.id, outcome: 'done' });
    }
    await recordAudits(
      tx,
      moved.map((id) => ({
        actor: audit,
        action: 'benefit-claim.update',
        resource: { type: 'benefit-claim', id },
        municipalityCode,
        purpose: 'gift card dispatch',
        outcome: 'success' as const,
        requestId: input.requestId,
        detail: { gift: { from, to } },
      })),
    );
    if (claimIds) {
      const found = new Set(claims.map((c) => c.id));
      for (const id of new Set(claimIds)) {
        if (!found.has(id)) outcomes.push({ claimId: id, outcome: 'skipped', check: 'not-found' });
      }
    }
    return outcomes;
  });
}
