import { and, eq, sql } from 'drizzle-orm';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { conflict, notFound } from '../../../platform/http/app-error.ts';
import type { ParentContext } from '../applications/submit-application.ts';
import { consultationBookings, consultationSlots } from './consultation.tables.ts';
import { pastConsultationCutoff } from './consultation-rules.ts';
import { publishConsultationEvent } from './publish-consultation-event.ts';

/**
 * The household cancels before the cut-off (booked → cancelled); the seat goes back and `consultation.cancelled` is
 * raised in the same transaction. Another household's booking is invisible under the household scope, so it is 404.
 */
export async function cancelConsultation(ctx: ParentContext, input: { bookingId: string }) {
  const householdId = ctx.actor.householdId ?? null;
  const scope = await authorize(
    { db: ctx.services.db, requestId: ctx.requestId ?? null },
    ctx.actor,
    'nursery-consultation.book',
    { householdId, resource: { type: 'consultation-booking', id: input.bookingId } },
  );
  await withTenantScope(ctx.services.db, scope, async (tx) => {
    const [row] = await tx
      .select({ booking: consultationBookings, startsAt: consultationSlots.startsAt })
      .from(consultationBookings)
      .innerJoin(consultationSlots, eq(consultationSlots.id, consultationBookings.slotId))
      .where(and(eq(consultationBookings.id, input.bookingId), eq(consultationBookings.householdId, householdId!)))
      .for('update', { of: consultationBookings });
    if (!row) throw notFound({ en: 'No such booking', ja: '該当する予約はありません' });
    if (row.booking.status !== 'booked') {
      throw conflict('invalid-transition', { en: 'This booking cannot be cancelled', ja: 'この予約は取り消せません' });
    }
    if (pastConsultationCutoff(row.startsAt, ctx.services.now())) {
      throw conflict('past-cutoff', { en: 'Too late to cancel online', ja: '取消の期限を過ぎています' });
    }
    await tx
      .update(consultationBookings)
      .set({ status: 'cancelled', updatedAt: sql`now()` })
      .where(eq(consultationBookings.id, input.bookingId));
    await tx
      .update(consultationSlots)
      .set({ seatsTaken: sql`${consultationSlots.seatsTaken} - 1` })
      .where(eq(consultationSlots.id, row.booking.slotId));
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'consultation-booking.cancel',
      resource: { type: 'consultation-booking', id: input.bookingId },
      municipalityCode: row.booking.municipalityCode,
      purpose: 'parent cancels a nursery consultation',
      outcome: 'success',
    });
    await publishConsultationEvent(
      ctx.services,
      tx,
      'consultation.cancelled',
      {
        bookingId: input.bookingId,
        householdId: householdId!,
        municipalityCode: row.booking.municipalityCode,
        startsAt: row.startsAt,
      },
      ctx.requestId ?? null,
    );
  });
}
