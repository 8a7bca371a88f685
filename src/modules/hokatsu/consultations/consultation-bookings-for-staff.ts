import { asc, eq } from 'drizzle-orm';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { notFound } from '../../../platform/http/app-error.ts';
import type { StaffContext } from '../applications/screen-application.ts';
import { consultationBookings, consultationSlots } from './consultation.tables.ts';

/** The counsellor's view of one slot: who booked, their topic and questions (audited). */
export async function listConsultationBookings(ctx: StaffContext, input: { slotId: string }) {
  const [slot] = await ctx.services.db
    .select({ municipalityCode: consultationSlots.municipalityCode })
    .from(consultationSlots)
    .where(eq(consultationSlots.id, input.slotId));
  if (!slot) throw notFound({ en: 'No such consultation slot', ja: '該当する相談枠はありません' });
  await authorize({ db: ctx.services.db, requestId: ctx.requestId ?? null }, ctx.actor, 'nursery-consultation.manage', {
    municipalityCode: slot.municipalityCode,
    resource: { type: 'consultation-slot', id: input.slotId },
  });
  return ctx.services.db.transaction(async (tx) => {
    const rows = await tx
      .select({
        bookingId: consultationBookings.id,
        householdId: consultationBookings.householdId,
        topic: consultationBookings.topic,
        questions: consultationBookings.questions,
        status: consultationBookings.status,
      })
      .from(consultationBookings)
      .where(eq(consultationBookings.slotId, input.slotId))
      .orderBy(asc(consultationBookings.createdAt));
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'consultation-booking.list',
      resource: { type: 'consultation-slot', id: input.slotId },
      municipalityCode: slot.municipalityCode,
      purpose: 'counsellor prepares a consultation',
      outcome: 'success',
      detail: { bookings: rows.length },
    });
    return rows.filter((r) => r.status !== 'cancelled');
  });
}
