import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { DbOrTx } from '../../../platform/db/database.ts';
import { badRequest, conflict, notFound } from '../../../platform/http/app-error.ts';
import type { ParentContext } from '../applications/submit-application.ts';
import { consultationBookings, consultationSlots } from './consultation.tables.ts';

export const CONSULTATION_RULES = {
  /** Bookings and cancellations close this long before the start. */
  cutoffHours: 2,
  /** Upcoming consultations one household may hold in one municipality. */
  perHousehold: 2,
} as const;

/** Upcoming open slots of a municipality with seats left; public, so without the meeting link. */
export async function listConsultationSlots(db: DbOrTx, municipalityCode: string, now: Date) {
  const rows = await db
    .select({
      id: consultationSlots.id,
      startsAt: consultationSlots.startsAt,
      durationMinutes: consultationSlots.durationMinutes,
      capacity: consultationSlots.capacity,
      seatsTaken: consultationSlots.seatsTaken,
    })
    .from(consultationSlots)
    .where(
      and(
        eq(consultationSlots.municipalityCode, municipalityCode),
        eq(consultationSlots.status, 'open'),
        gt(consultationSlots.startsAt, now),
      ),
    )
    .orderBy(asc(consultationSlots.startsAt))
    .limit(100);
  return rows.map(({ seatsTaken, ...r }) => ({
    ...r,
    startsAt: r.startsAt.toISOString(),
    seatsLeft: r.capacity - seatsTaken,
  }));
}

/**
 * A household books a consultation with its topic and questions. Same guarantees as visit tours: one conditional
 * UPDATE takes the seat (row lock serialises concurrent attempts; CHECK backs it), a partial unique index allows one
 * booking per household and slot, a per-household limit is counted under an advisory lock, and a cut-off applies.
 */
export async function bookConsultation(
  ctx: ParentContext,
  input: { slotId: string; topic: string; questions?: string | null },
): Promise<{ bookingId: string; meetingUrl: string; startsAt: string }> {
  const householdId = ctx.actor.householdId ?? null;
  await authorize({ db: ctx.services.db, requestId: ctx.requestId ?? null }, ctx.actor, 'nursery-consultation.book', {
    householdId,
    resource: { type: 'consultation-slot', id: input.slotId },
  });
  const topic = input.topic.trim();
  if (topic.length < 1 || topic.length > 200) {
    throw badRequest('invalid-topic', 'body.topic', {
      en: 'Give a topic (up to 200 characters)',
      ja: '相談したいことを200文字以内で入力してください',
    });
  }
  const questions = input.questions?.trim() || null;
  if (questions && questions.length > 2000) {
    throw badRequest('invalid-questions', 'body.questions', {
      en: 'Up to 2,000 characters',
      ja: '2000文字以内で入力してください',
    });
  }
  const now = ctx.services.now();
  try {
    return await ctx.services.db.transaction(async (tx) => {
      const [slot] = await tx.select().from(consultationSlots).where(eq(consultationSlots.id, input.slotId));
      if (!slot || slot.status !== 'open')
        throw notFound({ en: 'No such consultation slot', ja: '該当する相談枠はありません' });
      if (slot.startsAt.getTime() - now.getTime() < CONSULTATION_RULES.cutoffHours * 3_600_000) {
        throw conflict('past-cutoff', {
          en: `Bookings close ${CONSULTATION_RULES.cutoffHours} hours before the consultation`,
          ja: `相談の${CONSULTATION_RULES.cutoffHours}時間前を過ぎると予約できません`,
        });
      }
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtextextended(${`consult:${householdId}:${slot.municipalityCode}`}, 0))`,
      );
      const [active] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(consultationBookings)
        .innerJoin(consultationSlots, eq(consultationSlots.id, consultationBookings.slotId))
        .where(
          and(
            eq(consultationBookings.householdId, householdId!),
            eq(consultationBookings.municipalityCode, slot.municipalityCode),
            eq(consultationBookings.status, 'booked'),
            gt(consultationSlots.startsAt, now),
          ),
        );
      if ((active?.n ?? 0) >= CONSULTATION_RULES.perHousehold) {
        throw conflict('household-limit', {
          en: `A household may hold ${CONSULTATION_RULES.perHousehold} upcoming consultations`,
          ja: `予約できる相談は${CONSULTATION_RULES.perHousehold}件までです`,
        });
      }
      const [taken] = await tx
        .update(consultationSlots)
        .set({ seatsTaken: sql`${consultationSlots.seatsTaken} + 1` })
        .where(
          and(
            eq(consultationSlots.id, slot.id),
            eq(consultationSlots.status, 'open'),
            sql`${consultationSlots.seatsTaken} + 1 <= ${consultationSlots.capacity}`,
          ),
        )
        .returning({ id: consultationSlots.id });
      if (!taken)
        throw conflict('slot-full', { en: 'This consultation slot is taken', ja: 'この相談枠は埋まっています' });
      const [booking] = await tx
        .insert(consultationBookings)
        .values({
          municipalityCode: slot.municipalityCode,
          slotId: slot.id,
          householdId: householdId!,
          topic,
          questions,
        })
        .returning({ id: consultationBookings.id });
      await recordAudit(tx, {
        actor: ctx.actor,
        action: 'consultation-booking.create',
        resource: { type: 'consultation-booking', id: booking!.id },
        municipalityCode: slot.municipalityCode,
        purpose: 'parent books a nursery consultation',
        outcome: 'success',
      });
      return { bookingId: booking!.id, meetingUrl: slot.meetingUrl, startsAt: slot.startsAt.toISOString() };
    });
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === '23505') {
      throw conflict('already-booked', { en: 'You already booked this slot', ja: 'この相談枠はすでに予約済みです' });
    }
    throw error;
  }
}

/** The household cancels before the cut-off; the seat goes back in the same transaction. */
export async function cancelConsultation(ctx: ParentContext, input: { bookingId: string }) {
  const householdId = ctx.actor.householdId ?? null;
  await authorize({ db: ctx.services.db, requestId: ctx.requestId ?? null }, ctx.actor, 'nursery-consultation.book', {
    householdId,
    resource: { type: 'consultation-booking', id: input.bookingId },
  });
  await ctx.services.db.transaction(async (tx) => {
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
    if (row.startsAt.getTime() - ctx.services.now().getTime() < CONSULTATION_RULES.cutoffHours * 3_600_000) {
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
  });
}

/** The household's upcoming consultations, with the meeting links (audited read). */
export async function listOwnConsultations(ctx: ParentContext) {
  const householdId = ctx.actor.householdId ?? null;
  await authorize({ db: ctx.services.db, requestId: ctx.requestId ?? null }, ctx.actor, 'nursery-consultation.book', {
    householdId,
  });
  const rows = await ctx.services.db
    .select({
      bookingId: consultationBookings.id,
      startsAt: consultationSlots.startsAt,
      durationMinutes: consultationSlots.durationMinutes,
      meetingUrl: consultationSlots.meetingUrl,
      topic: consultationBookings.topic,
    })
    .from(consultationBookings)
    .innerJoin(consultationSlots, eq(consultationSlots.id, consultationBookings.slotId))
    .where(
      and(
        eq(consultationBookings.householdId, householdId!),
        eq(consultationBookings.status, 'booked'),
        gt(consultationSlots.startsAt, ctx.services.now()),
      ),
    )
    .orderBy(asc(consultationSlots.startsAt));
  await recordAudit(ctx.services.db, {
    actor: ctx.actor,
    action: 'consultation-booking.list-own',
    resource: { type: 'household', id: householdId },
    municipalityCode: ctx.actor.municipalityCode ?? null,
    purpose: 'parent sees their consultations',
    outcome: 'success',
  });
  return rows;
}
