import { and, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { conflict, notFound } from '../../../platform/http/app-error.ts';
import type { AllocationResult } from '../allocation/allocate.ts';
import { publishMinimumIndices } from '../use-cases/publish-minimum-indices.ts';
import './allocation.events.ts';
import { allocator, IN_ROUND } from './allocation-round-access.ts';
import { allocationRounds, applications } from './application.tables.ts';
import { buildRoundInstance } from './build-round-instance.ts';
import type { StaffContext } from './staff-context.ts';

/**
 * Publishes a dry run: offers and waitlist places go onto the applications with each one's explanation, the round's
 * minimum admitted indices become the nurseries' "last round" figures, and `allocation.published` is raised — all in
 * one transaction. If any application changed since the dry run (no longer ready/waitlisted, or new ones arrived),
 * nothing is published: run it again.
 */
export async function publishAllocation(ctx: StaffContext, input: { roundId: string }) {
  const [round] = await ctx.services.db.select().from(allocationRounds).where(eq(allocationRounds.id, input.roundId));
  if (!round) throw notFound({ en: 'No such allocation run', ja: '該当する利用調整の実行はありません' });
  await allocator(ctx, round.municipalityCode);
  if (round.status !== 'dry-run') {
    throw conflict('already-published', { en: 'This run is published already', ja: 'この結果は公表済みです' });
  }
  const result = round.result as Pick<AllocationResult, 'assignments' | 'minimumIndex' | 'explanations'>;
  const roundInput = {
    municipalityCode: round.municipalityCode,
    roundMonth: round.roundMonth.slice(0, 7),
    roundNo: round.roundNo,
  };
  const { instance, households } = await buildRoundInstance(ctx, roundInput);
  const now = new Set(instance.applicants.map((a) => a.id));
  const then = Object.keys(result.assignments);
  if (now.size !== then.length || then.some((id) => !now.has(id))) {
    throw conflict('stale-dry-run', {
      en: 'Applications changed since this dry run; run it again',
      ja: '試算の後に申請が変わりました。もう一度試算してください',
    });
  }
  const offers: { applicationId: string; householdId: string; nurseryId: string }[] = [];
  const waitlisted: { applicationId: string; householdId: string; waitlistRank: number | null }[] = [];
  await ctx.services.db.transaction(async (tx) => {
    for (const [applicationId, nurseryId] of Object.entries(result.assignments)) {
      const explanation = result.explanations[applicationId]!;
      const householdId = households.get(applicationId)!;
      // A transfer child who keeps the seat it has is not offered anything: it stays and waits for its choices.
      if (nurseryId && !explanation.keptCurrentSeat) {
        offers.push({ applicationId, householdId, nurseryId });
        await tx
          .update(applications)
          .set({
            status: 'offered',
            offeredNurseryId: nurseryId,
            waitlistRank: null,
            explanation,
            allocationRoundId: round.id,
            updatedAt: sql`now()`,
          })
          .where(and(eq(applications.id, applicationId), inArray(applications.status, [...IN_ROUND])));
      } else {
        // The place on the first choice's waitlist is the figure parents ask about.
        const waitlistRank = explanation.choices.find((c) => c.waitlistRank !== null)?.waitlistRank ?? null;
        waitlisted.push({ applicationId, householdId, waitlistRank });
        await tx
          .update(applications)
          .set({ status: 'waitlisted', waitlistRank, explanation, allocationRoundId: round.id, updatedAt: sql`now()` })
          .where(and(eq(applications.id, applicationId), inArray(applications.status, [...IN_ROUND])));
      }
    }
    await tx
      .update(allocationRounds)
      .set({ status: 'published', publishedAt: sql`now()` })
      .where(eq(allocationRounds.id, round.id));
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'allocation.publish',
      resource: { type: 'allocation-round', id: round.id },
      municipalityCode: round.municipalityCode,
      purpose: 'allocation round',
      outcome: 'success',
      detail: { offers: offers.length, waitlisted: waitlisted.length },
    });
    await ctx.services.events.publish(
      tx,
      'allocation.published',
      { roundId: round.id, ...roundInput, offers, waitlisted },
      { municipalityCode: round.municipalityCode, requestId: ctx.requestId ?? null },
    );
  });
  // The minimum indices go through the existing use case (its own transaction, audited) once the offers are in.
  await publishMinimumIndices(
    ctx.services.db,
    { municipalityCode: round.municipalityCode },
    { actor: ctx.actor, result, roundMonth: round.roundMonth, roundNo: round.roundNo },
  );
  return { roundId: round.id, offers: offers.length, waitlisted: waitlisted.length };
}
