import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { DbOrTx } from '../../../platform/db/database.ts';
import { badRequest, notFound } from '../../../platform/http/app-error.ts';
import { nurseries, visitSlots } from '../hokatsu.tables.ts';
import type { TenantScope } from '../nurseries/nursery.repository.ts';
import { expandVisitRecurrence, type VisitRecurrence } from '../visits/visit-slot-dates.ts';

export interface PublishVisitSlotsInput {
  actor: Actor;
  nurseryId: string;
  recurrence: VisitRecurrence;
  capacity: number;
  notes?: string | null;
}

/**
 * Nursery staff publish tours from a weekly recurrence (holidays skipped). The caller has already checked that the
 * actor may manage this nursery; the tenant scope keeps the nursery inside the municipality.
 */
export async function publishVisitSlots(db: DbOrTx, scope: TenantScope, input: PublishVisitSlotsInput) {
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 200) {
    throw badRequest('invalid-capacity', 'body.capacity', {
      en: 'Capacity must be a whole number from 1 to 200',
      ja: '定員は1〜200の整数で指定してください',
    });
  }
  let tours: ReturnType<typeof expandVisitRecurrence>;
  try {
    tours = expandVisitRecurrence(input.recurrence);
  } catch (error) {
    throw badRequest('invalid-recurrence', 'body.recurrence', {
      en: (error as Error).message,
      ja: '繰り返しの指定が正しくありません（終了は開始より後、期間は1年以内）',
    });
  }
  return db.transaction(async (tx) => {
    const [nursery] = await tx
      .select({ id: nurseries.id })
      .from(nurseries)
      .where(and(eq(nurseries.id, input.nurseryId), eq(nurseries.municipalityCode, scope.municipalityCode)));
    if (!nursery) throw notFound({ en: 'No such nursery', ja: '該当する保育施設はありません' });
    const rows =
      tours.length === 0
        ? []
        : await tx
            .insert(visitSlots)
            .values(
              tours.map((t) => ({
                municipalityCode: scope.municipalityCode,
                nurseryId: input.nurseryId,
                startsAt: t.startsAt,
                endsAt: t.endsAt,
                capacity: input.capacity,
                notes: input.notes ?? null,
              })),
            )
            .returning({ id: visitSlots.id, startsAt: visitSlots.startsAt });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'visit-slot.publish',
      resource: { type: 'nursery', id: input.nurseryId },
      municipalityCode: scope.municipalityCode,
      purpose: 'nursery publishes visit tours',
      outcome: 'success',
      detail: { slots: rows.length },
    });
    return rows;
  });
}
