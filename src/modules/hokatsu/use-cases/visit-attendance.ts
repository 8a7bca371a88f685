import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { Db } from '../../../platform/db/database.ts';
import { badRequest, conflict, notFound } from '../../../platform/http/app-error.ts';
import { type VisitBookingStatus, visitBookings, visitSlots } from '../hokatsu.tables.ts';
import type { TenantScope } from '../nurseries/nursery.repository.ts';
import { VISIT_BOOKING_TRANSITIONS } from './cancel-visit-booking.ts';

/** Nursery staff see who booked a tour (household references and party sizes); the read is audited. */
export async function listVisitAttendees(db: Db, scope: TenantScope, input: { actor: Actor; slotId: string }) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({
        bookingId: visitBookings.id,
        familyRef: visitBookings.familyRef,
        partySize: visitBookings.partySize,
        status: visitBookings.status,
      })
      .from(visitBookings)
      .where(and(eq(visitBookings.municipalityCode, scope.municipalityCode), eq(visitBookings.slotId, input.slotId)))
      .orderBy(asc(visitBookings.createdAt));
    await recordAudit(tx, {
      actor: input.actor,
      action: 'visit-booking.list',
      resource: { type: 'visit-slot', id: input.slotId },
      municipalityCode: scope.municipalityCode,
      purpose: 'nursery checks who comes to a tour',
      outcome: 'success',
      detail: { bookings: rows.length },
    });
    return rows.filter((r) => r.status !== 'cancelled');
  });
}

/** After the tour has started, staff mark each booking attended or no-show (following the status machine). */
export async function markVisitAttendance(
  db: Db,
  scope: TenantScope,
  input: { actor: Actor; bookingId: string; status: 'attended' | 'no-show'; now: Date },
): Promise<void> {
  if (input.status !== 'attended' && input.status !== 'no-show') {
    throw badRequest('invalid-status', 'body.status', {
      en: 'Status must be attended or no-show',
      ja: '出欠は attended か no-show です',
    });
  }
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: visitBookings.status, startsAt: visitSlots.startsAt })
      .from(visitBookings)
      .innerJoin(visitSlots, eq(visitSlots.id, visitBookings.slotId))
      .where(and(eq(visitBookings.id, input.bookingId), eq(visitBookings.municipalityCode, scope.municipalityCode)))
      .for('update', { of: visitBookings });
    if (!row) throw notFound({ en: 'No such booking', ja: '該当する予約はありません' });
    if (!VISIT_BOOKING_TRANSITIONS[row.status as VisitBookingStatus].includes(input.status)) {
      throw conflict('invalid-transition', {
        en: `A ${row.status} booking cannot become ${input.status}`,
        ja: 'この予約の出欠は変更できません',
      });
    }
    if (row.startsAt.getTime() > input.now.getTime()) {
      throw conflict('tour-not-started', { en: 'The tour has not started yet', ja: '見学の開始前です' });
    }
    await tx
      .update(visitBookings)
      .set({ status: input.status, updatedAt: sql`now()` })
      .where(eq(visitBookings.id, input.bookingId));
    await recordAudit(tx, {
      actor: input.actor,
      action: `visit-booking.${input.status}`,
      resource: { type: 'visit-booking', id: input.bookingId },
      municipalityCode: scope.municipalityCode,
      purpose: 'nursery records tour attendance',
      outcome: 'success',
    });
  });
}
