import { eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { notFound } from '../../../platform/http/app-error.ts';
import type { AllocationResult } from '../allocation/allocate.ts';
import { nurseries } from '../hokatsu.tables.ts';
import './allocation.events.ts';
import { allocator } from './allocation-round-access.ts';
import { adjustmentTotal } from './application.repository.ts';
import { allocationRounds, applications } from './application.tables.ts';
import type { StaffContext } from './staff-context.ts';

/** One run with the names a reviewer needs: nurseries, and each applicant's child, index and outcome. */
export async function getAllocationRun(ctx: StaffContext, id: string) {
  const [round] = await ctx.services.db.select().from(allocationRounds).where(eq(allocationRounds.id, id));
  if (!round) throw notFound({ en: 'No such allocation run', ja: '該当する利用調整の実行はありません' });
  await allocator(ctx, round.municipalityCode);
  const result = round.result as Pick<AllocationResult, 'assignments' | 'minimumIndex' | 'blockingPairs' | 'stats'>;
  const appIds = Object.keys(result.assignments);
  const apps = appIds.length
    ? await ctx.services.db
        .select({
          id: applications.id,
          childName: applications.childName,
          ageClass: applications.ageClass,
          finalIndex: sql<number>`${applications.computedIndex} + ${adjustmentTotal}`,
        })
        .from(applications)
        .where(inArray(applications.id, appIds))
    : [];
  const names = new Map(
    (
      await ctx.services.db
        .select({ id: nurseries.id, name: nurseries.name })
        .from(nurseries)
        .where(eq(nurseries.municipalityCode, round.municipalityCode))
    ).map((n) => [n.id, n.name]),
  );
  await recordAudit(ctx.services.db, {
    actor: ctx.actor,
    action: 'allocation.read',
    resource: { type: 'allocation-round', id },
    municipalityCode: round.municipalityCode,
    purpose: 'allocation review',
    outcome: 'success',
  });
  return {
    round,
    rows: apps
      .map((a) => ({
        ...a,
        assigned: result.assignments[a.id] ? (names.get(result.assignments[a.id]!) ?? null) : null,
      }))
      .sort((x, y) => y.finalIndex - x.finalIndex),
    minimum: Object.entries(result.minimumIndex).flatMap(([nurseryId, perAge]) =>
      Object.entries(perAge)
        .filter(([, v]) => v !== null)
        .map(([age, v]) => ({ nursery: names.get(nurseryId) ?? nurseryId, ageClass: Number(age), minimumIndex: v! })),
    ),
    blockingPairs: result.blockingPairs,
  };
}
