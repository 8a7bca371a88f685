import { and, asc, eq, gte, inArray, ne } from 'drizzle-orm';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { badRequest, conflict, notFound } from '../../../platform/http/app-error.ts';
import type { StaffContext } from '../applications/staff-context.ts';
import { type ConsultationBookingStatus, consultationBookings, consultationSlots } from './consultation.tables.ts';

/** Slots that started this long ago still show, so the counsellor can mark them held or no-show afterwards. */
const LOOK_BACK_DAYS = 14;

export interface CounsellorSlotView {
  id: string;
  startsAt: Date;
  durationMinutes: number;
  capacity: number;
  seatsTaken: number;
  meetingUrl: string;
  started: boolean;
  bookings: {
    bookingId: string;
    householdId: string;
    topic: string;
    questions: string | null;
    status: ConsultationBookingStatus;
  }[];
}

/**
 * The counsellor's console: their municipality's slots from two weeks back on, each with its bookings' topics and
 * questions. Runs in the municipality's tenant scope; one audit event records the read of the households' requests.
 */
export async function listCounsellorSlots(ctx: StaffContext): Promise<CounsellorSlotView[]> {
  const scope = await authorize(
    { db: ctx.services.db, requestId: ctx.requestId ?? null },
    ctx.actor,
    'nursery-consultation.manage',
    { municipalityCode: ctx.actor.municipalityCode ?? null, resource: { type: 'consultation-slot' } },
  );
  if (scope.kind !== 'municipality') return [];
  const now = ctx.services.now();
  return withTenantScope(ctx.services.db, scope, async (tx) => {
    const slots = await tx
      .select()
      .from(consultationSlots)
      .where(
        and(
          eq(consultationSlots.municipalityCode, scope.municipalityCode),
          eq(consultationSlots.status, 'open'),
          gte(consultationSlots.startsAt, new Date(now.getTime() - LOOK_BACK_DAYS * 86_400_000)),
        ),
      )
      .orderBy(asc(consultationSlots.startsAt))
      .limit(200);
    const bookings =
      slots.length === 0
        ? []
        : await tx
            .select()
            .from(consultationBookings)
            .where(
              and(
                inArray(
                  consultationBookings.slotId,
                  slots.map((s) => s.id),
                ),
                ne(consultationBookings.status, 'cancelled'),
              ),
            )
            .orderBy(asc(consultationBookings.createdAt));
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'consultation-booking.list',
      resource: { type: 'consultation-slot' },
      municipalityCode: scope.municipalityCode,
      purpose: 'counsellor prepares consultations',
      outcome: 'success',
      detail: { slots: slots.length, bookings: bookings.length },
    });
    return slots.map((s) => ({
      id: s.id,
      startsAt: s.startsAt,
      durationMinutes: s.durationMinutes,
      capacity: s.capacity,
      seatsTaken: s.seatsTaken,
      meetingUrl: s.meetingUrl,
      started: s.startsAt.getTime() <= now.getTime(),
      bookings: bookings
        .filter((b) => b.slotId === s.id)
        .map((b) => ({
          bookingId: b.id,
          householdId: b.householdId,
          topic: b.topic,
          questions: b.questions,
          status: b.status,
        })),
    }));
  });
}

/** One slot's bookings, with topics and questions (audited); a slot of another municipality is 403. */
export async function listConsultationBookings(ctx: StaffContext, input: { slotId: string }) {
  const [slot] = await ctx.services.db
    .select({ municipalityCode: consultationSlots.municipalityCode })
    .from(consultationSlots)
    .where(eq(consultationSlots.id, input.slotId));
  if (!slot) throw notFound({ en: 'No such consultation slot', ja: '該当する相談枠はありません' });
  const scope = await authorize(
    { db: ctx.services.db, requestId: ctx.requestId ?? null },
    ctx.actor,
    'nursery-consultation.manage',
    { municipalityCode: slot.municipalityCode, resource: { type: 'consultation-slot', id: input.slotId } },
  );
  return withTenantScope(ctx.services.db, scope, async (tx) => {
    const rows = await tx
      .select({
        bookingId: consultationBookings.id,
        householdId: consultationBookings.householdId,
        topic: consultationBookings.topic,
        questions: consultationBookings.questions,
        status: consultationBookings.status,
      })
      .from(consultationBookings)
      .where(and(eq(consultationBookings.slotId, input.slotId), ne(consultationBookings.status, 'cancelled')))
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
    return rows;
  });
}

export const CONSULTATION_OUTCOMES = ['held', 'no-show'] as const;
export type ConsultationOutcome = (typeof CONSULTATION_OUTCOMES)[number];

/**
 * booked → held | no-show, once the consultation has started. The row lock and the status condition make a second,
 * concurrent mark fail instead of overwriting the first.
 */
export async function recordConsultationOutcome(
  ctx: StaffContext,
  input: { bookingId: string; outcome: ConsultationOutcome },
) {
  if (!(CONSULTATION_OUTCOMES as readonly string[]).includes(input.outcome)) {
    throw badRequest('invalid-outcome', 'body.outcome', {
      en: 'Choose held or no-show',
      ja: '実施済みか不参加を選んでください',
    });
  }
  const [where] = await ctx.services.db
    .select({ municipalityCode: consultationBookings.municipalityCode })
    .from(consultationBookings)
    .where(eq(consultationBookings.id, input.bookingId));
  if (!where) throw notFound({ en: 'No such booking', ja: '該当する予約はありません' });
  const scope = await authorize(
    { db: ctx.services.db, requestId: ctx.requestId ?? null },
    ctx.actor,
    'nursery-consultation.manage',
    { municipalityCode: where.municipalityCode, resource: { type: 'consultation-booking', id: input.bookingId } },
  );
  await withTenantScope(ctx.services.db, scope, async (tx) => {
    const [row] = await tx
      .select({ status: consultationBookings.status, startsAt: consultationSlots.startsAt })
      .from(consultationBookings)
      .innerJoin(consultationSlots, eq(consultationSlots.id, consultationBookings.slotId))
      .where(eq(consultationBookings.id, input.bookingId))
      .for('update', { of: consultationBookings });
    if (!row) throw notFound({ en: 'No such booking', ja: '該当する予約はありません' });
    if (row.status !== 'booked') {
      throw conflict('invalid-transition', {
        en: `This booking is already ${row.status}`,
        ja: 'この予約はすでに記録済みか取り消されています',
      });
    }
    if (row.startsAt.getTime() > ctx.services.now().getTime()) {
      throw badRequest('not-started', 'body.outcome', {
        en: 'Mark a consultation once it has started',
        ja: '相談の開始後に記録してください',
      });
    }
    await tx
      .update(consultationBookings)
      .set({ status: input.outcome, updatedAt: new Date() })
      .where(and(eq(consultationBookings.id, input.bookingId), eq(consultationBookings.status, 'booked')));
    await recordAudit(tx, {
      actor: ctx.actor,
      action: `consultation-booking.${input.outcome}`,
      resource: { type: 'consultation-booking', id: input.bookingId },
      municipalityCode: where.municipalityCode,
      purpose: 'counsellor records the consultation',
      outcome: 'success',
    });
  });
}
