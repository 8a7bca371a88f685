import { and, eq, gt, sql } from 'drizzle-orm';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { badRequest, conflict, notFound } from '../../../platform/http/app-error.ts';
import type { ParentContext } from '../applications/submit-application.ts';
import { consultationBookings, consultationSlots } from './consultation.tables.ts';
import { CONSULTATION_RULES, pastConsultationCutoff } from './consultation-rules.ts';
import { publishConsultationEvent } from './publish-consultation-event.ts';

function validTopic(input: { topic: string; questions?: string | null }) {
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
  return { topic, questions };
}

/**
 * A household books a consultation with its topic and questions. Same guarantees as visit tours: one conditional
 * UPDATE takes the seat (row lock serialises concurrent attempts; CHECK backs it), a partial unique index allows one
 * booking per household and slot, a per-household limit is counted under an advisory lock, and a cut-off applies.
 * Runs in the household's tenant scope; `consultation.booked` is raised in the same transaction.
 */
export async function bookConsultation(
  ctx: ParentContext,
  input: { slotId: string; topic: string; questions?: string | null },
): Promise<{ bookingId: string; meetingUrl: string; startsAt: string }> {
  const householdId = ctx.actor.householdId ?? null;
  const scope = await authorize(
    { db: ctx.services.db, requestId: ctx.requestId ?? null },
    ctx.actor,
    'nursery-consultation.book',
    { householdId, resource: { type: 'consultation-slot', id: input.slotId } },
  );
  const { topic, questions } = validTopic(input);
  const now = ctx.services.now();
  try {
    return await withTenantScope(ctx.services.db, scope, async (tx) => {
      const [slot] = await tx.select().from(consultationSlots).where(eq(consultationSlots.id, input.slotId));
      if (!slot || slot.status !== 'open')
        throw notFound({ en: 'No such consultation slot', ja: '該当する相談枠はありません' });
      if (pastConsultationCutoff(slot.startsAt, now)) {
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
      await publishConsultationEvent(
        ctx.services,
        tx,
        'consultation.booked',
        {
          bookingId: booking!.id,
          householdId: householdId!,
          municipalityCode: slot.municipalityCode,
          startsAt: slot.startsAt,
        },
        ctx.requestId ?? null,
      );
      return { bookingId: booking!.id, meetingUrl: slot.meetingUrl, startsAt: slot.startsAt.toISOString() };
    });
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === '23505') {
      throw conflict('already-booked', { en: 'You already booked this slot', ja: 'この相談枠はすでに予約済みです' });
    }
    throw error;
  }
}
