import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { Db, Tx } from '../../../platform/db/database.ts';
import type { EventBus } from '../../../platform/events/domain-events.ts';
import { conflict, notFound } from '../../../platform/http/app-error.ts';
import { type VisitBookingStatus, visitBookings, visitSlots } from '../hokatsu.tables.ts';
import type { TenantScope } from '../nurseries/nursery.repository.ts';
import '../visits/visit.events.ts';
import { VISIT_RULES } from './book-visit.ts';

/** Which booking statuses may follow which; checked here and by the CHECK constraint's closed list. */
export const VISIT_BOOKING_TRANSITIONS: Record<VisitBookingStatus, readonly VisitBookingStatus[]> = {
  booked: ['cancelled', 'attended', 'no-show'],
  cancelled: [],
  attended: [],
  'no-show': [],
};

/** The family cancels before the cut-off; the seats go back to the slot in the same transaction. */
export async function cancelVisitBooking(db: Db, scope: TenantScope, input: CancelVisitInput): Promise<void> {
  await db.transaction(async (tx) => {
    const cancelled = await cancelVisitBookingInTx(tx, scope, input);
    await input.events?.publish(
      tx,
      'visit.cancelled',
      {
        bookingId: input.bookingId,
        householdId: input.familyRef,
        nurseryId: cancelled.nurseryId,
        startsAt: cancelled.startsAt.toISOString(),
      },
      { municipalityCode: scope.municipalityCode },
    );
  });
}

export interface CancelVisitInput {
  actor: Actor;
  familyRef: string;
  bookingId: string;
  now: Date;
  /** When given, `visit.cancelled` is published in the cancellation's transaction. */
  events?: EventBus;
}

/** The cancellation inside the caller's transaction (also used by rescheduling). Returns what the events need. */
export async function cancelVisitBookingInTx(
  tx: Tx,
  scope: TenantScope,
  input: CancelVisitInput,
): Promise<{ partySize: number; nurseryId: string; startsAt: Date }> {
  const [row] = await tx
    .select({ booking: visitBookings, startsAt: visitSlots.startsAt })
    .from(visitBookings)
    .innerJoin(visitSlots, eq(visitSlots.id, visitBookings.slotId))
    .where(
      and(
        eq(visitBookings.id, input.bookingId),
        eq(visitBookings.municipalityCode, scope.municipalityCode),
        eq(visitBookings.familyRef, input.familyRef),
      ),
    )
    .for('update', { of: visitBookings });
  if (!row) throw notFound({ en: 'No such booking', ja: '該当する予約はありません' });
  const from = row.booking.status as VisitBookingStatus;
  if (!VISIT_BOOKING_TRANSITIONS[from].includes('cancelled')) {
    throw conflict('invalid-transition', {
      en: `A ${from} booking cannot be cancelled`,
      ja: 'この予約は取り消せません',
    });
  }
  if (row.startsAt.getTime() - input.now.getTime() < VISIT_RULES.cutoffHours * 3_600_000) {
    throw conflict('past-cutoff', {
      en: `Cancellations close ${VISIT_RULES.cutoffHours} hours before the tour`,
      ja: `見学の${VISIT_RULES.cutoffHours}時間前を過ぎると取り消せません`,
    });
  }
  await tx
    .update(visitBookings)
    .set({ status: 'cancelled', updatedAt: sql`now()` })
    .where(eq(visitBookings.id, input.bookingId));
  await tx
    .update(visitSlots)
    .set({ seatsTaken: sql`${visitSlots.seatsTaken} - ${row.booking.partySize}` })
    .where(eq(visitSlots.id, row.booking.slotId));
  await recordAudit(tx, {
    actor: input.actor,
    action: 'visit-booking.cancel',
    resource: { type: 'visit-booking', id: input.bookingId },
    municipalityCode: scope.municipalityCode,
    purpose: 'parent cancels a nursery visit',
    outcome: 'success',
  });
  return { partySize: row.booking.partySize, nurseryId: row.booking.nurseryId, startsAt: row.startsAt };
}
