import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { badRequest } from '../../../platform/http/app-error.ts';
import { allocate } from '../allocation/allocate.ts';
import './allocation.events.ts';
import { allocator, type RoundInput } from './allocation-round-access.ts';
import { allocationRounds } from './application.tables.ts';
import { buildRoundInstance } from './build-round-instance.ts';
import type { StaffContext } from './staff-context.ts';

/** A dry run: the allocation is computed and kept for review; no application changes. */
export async function dryRunAllocation(ctx: StaffContext, input: RoundInput) {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.roundMonth)) {
    throw badRequest('invalid-round', 'body.roundMonth', { en: 'Use YYYY-MM', ja: 'YYYY-MM の形式で指定してください' });
  }
  if (!Number.isInteger(input.roundNo) || input.roundNo < 1 || input.roundNo > 20) {
    throw badRequest('invalid-round-no', 'body.roundNo', { en: 'Round 1 to 20', ja: '回次は1〜20です' });
  }
  await allocator(ctx, input.municipalityCode);
  const { instance } = await buildRoundInstance(ctx, input);
  const result = allocate(instance);
  const stored = {
    assignments: result.assignments,
    blockingPairs: result.blockingPairs,
    minimumIndex: result.minimumIndex,
    waitlist: result.waitlist,
    explanations: result.explanations,
    stats: result.stats,
  };
  return ctx.services.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(allocationRounds)
      .values({
        municipalityCode: input.municipalityCode,
        roundMonth: `${input.roundMonth}-01`,
        roundNo: input.roundNo,
        applicants: instance.applicants.length,
        offers: result.stats.assigned,
        blockingPairs: result.blockingPairs,
        result: stored,
        runBy: ctx.actor.id!,
      })
      .returning({ id: allocationRounds.id });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'allocation.dry-run',
      resource: { type: 'allocation-round', id: row!.id },
      municipalityCode: input.municipalityCode,
      purpose: 'allocation round',
      outcome: 'success',
      detail: { applicants: instance.applicants.length, offers: result.stats.assigned },
    });
    return { id: row!.id, ...stored };
  });
}
