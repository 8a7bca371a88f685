import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { Db } from '../../../platform/db/database.ts';
import { badRequest } from '../../../platform/http/app-error.ts';
import type { AllocationResult } from '../allocation/allocate.ts';
import { nurseries } from '../hokatsu.tables.ts';
import { type TenantScope, upsertMinimumIndices } from '../nurseries/nursery.repository.ts';

/**
 * After a round is published, its lowest admitted index per nursery and age class becomes the "last round" figure
 * parents compare against. Nursery ids in the allocation must be this municipality's nurseries. Age classes where
 * nobody new was admitted have no minimum and are left out rather than given an invented value.
 */
export async function publishMinimumIndices(
  db: Db,
  scope: TenantScope,
  input: { actor: Actor; result: Pick<AllocationResult, 'minimumIndex'>; roundMonth: string; roundNo: number },
): Promise<{ rows: number }> {
  const ids = Object.keys(input.result.minimumIndex);
  return db.transaction(async (tx) => {
    const known = ids.length
      ? await tx
          .select({ id: nurseries.id })
          .from(nurseries)
          .where(and(eq(nurseries.municipalityCode, scope.municipalityCode), inArray(nurseries.id, ids)))
      : [];
    const unknown = ids.filter((id) => !known.some((k) => k.id === id));
    if (unknown.length > 0) {
      throw badRequest('unknown-nursery', 'body.result.minimumIndex', {
        en: `Not nurseries of this municipality: ${unknown.slice(0, 5).join(', ')}`,
        ja: `この自治体の保育施設ではありません: ${unknown.slice(0, 5).join('、')}`,
      });
    }
    const rows = Object.entries(input.result.minimumIndex).flatMap(([nurseryId, perAge]) =>
      Object.entries(perAge).flatMap(([age, value]) =>
        value === null
          ? []
          : [
              {
                nurseryId,
                roundMonth: input.roundMonth,
                roundNo: input.roundNo,
                ageClass: Number(age),
                minimumIndex: value,
                label: null,
              },
            ],
      ),
    );
    await upsertMinimumIndices(tx, scope, 'allocation', rows);
    await recordAudit(tx, {
      actor: input.actor,
      action: 'allocation.publish-minimum-index',
      resource: { type: 'allocation-round', id: `${input.roundMonth}/${input.roundNo}` },
      municipalityCode: scope.municipalityCode,
      purpose: 'publish last round’s minimum admitted index',
      outcome: 'success',
      detail: { rows: rows.length },
    });
    return { rows: rows.length };
  });
}
