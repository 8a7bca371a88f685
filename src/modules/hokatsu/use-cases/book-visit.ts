import { and, eq, gt, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { Db, Tx } from '../../../platform/db/database.ts';
import type { EventBus } from '../../../platform/events/domain-events.ts';
import { AppError, conflict, notFound } from '../../../platform/http/app-error.ts';
import { visitBookings, visitSlots } from '../hokatsu.tables.ts';
import type { TenantScope } from '../nurseries/nursery.repository.ts';
import '../visits/visit.events.ts';

export interface BookVisitInput {
  /** The signed-in parent (identity puts sign-in in front of this use case). */
  actor: Actor;
  /** Opaque household reference: the per-family limits and the one-booking-per-slot rule are about it. */
  familyRef: string;
  slotId: string;
  partySize?: number;
  now: Date;
  /** When given, `visit.booked` is published in the booking's transaction (notify confirms it to the family). */
  events?: EventBus;
}

export const VISIT_RULES = {
  /** No booking, cancellation or change later than this before the tour starts. */
  cutoffHours: 24,
  /** Active (future) bookings one family may hold at one nursery. */
  perFamilyPerNursery: 2,
} as const;

/**
 * Books seats on a visit tour. Capacity is enforced by PostgreSQL: one conditional UPDATE takes the seats only if
 * they fit (its row lock serialises concurrent bookings of the slot), the CHECK on seats_taken backs it up, and a
 * partial unique index allows one active booking per family and slot. The family limit per nursery is counted under
 * a transaction-scoped advisory lock on (family, nursery).
 */
export async function bookVisit(
  db: Db,
  scope: TenantScope,
  input: BookVisitInput,
): Promise<{ bookingId: string; seatsLeft: number }> {
  try {
    return await db.transaction(async (tx) => {
      const booked = await bookVisitInTx(tx, scope, input);
      await input.events?.publish(
        tx,
        'visit.booked',
        {
          bookingId: booked.bookingId,
          householdId: input.familyRef,
          nurseryId: booked.nurseryId,
          startsAt: booked.startsAt.toISOString(),
        },
        { municipalityCode: scope.municipalityCode },
      );
      return { bookingId: booked.bookingId, seatsLeft: booked.seatsLeft };
    });
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code === '23505') {
      throw conflict('already-booked', { en: 'You already booked this tour', ja: 'この見学はすでに予約済みです' });
    }
    throw error;
  }
}

/** The booking steps inside the caller's transaction (also used by rescheduling); a duplicate surfaces as 23505. */
export async function bookVisitInTx(
  tx: Tx,
  scope: TenantScope,
  input: BookVisitInput,
): Promise<{ bookingId: string; seatsLeft: number; nurseryId: string; startsAt: Date }> {
  const party = input.partySize ?? 1;
  if (!Number.isInteger(party) || party < 1 || party > 4) {
    throw new AppError('invalid-party-size', 400, {
      en: 'Party size must be 1 to 4',
      ja: '人数は1〜4人で指定してください',
    });
  }
  const [slot] = await tx
    .select()
    .from(visitSlots)
    .where(and(eq(visitSlots.id, input.slotId), eq(visitSlots.municipalityCode, scope.municipalityCode)));
  if (!slot) throw notFound({ en: 'No such visit slot', ja: '該当する見学枠はありません' });
  if (slot.status !== 'open')
    throw conflict('slot-closed', { en: 'This tour is cancelled', ja: 'この見学は中止になりました' });
  if (slot.startsAt.getTime() - input.now.getTime() < VISIT_RULES.cutoffHours * 3_600_000) {
    throw conflict('past-cutoff', {
      en: `Bookings close ${VISIT_RULES.cutoffHours} hours before the tour`,
      ja: `見学の${VISIT_RULES.cutoffHours}時間前を過ぎると予約できません`,
    });
  }

  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${input.familyRef}:${slot.nurseryId}`}, 0))`);
  const [active] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(visitBookings)
    .innerJoin(visitSlots, eq(visitSlots.id, visitBookings.slotId))
    .where(
      and(
        eq(visitBookings.municipalityCode, scope.municipalityCode),
        eq(visitBookings.familyRef, input.familyRef),
        eq(visitBookings.nurseryId, slot.nurseryId),
        eq(visitBookings.status, 'booked'),
        gt(visitSlots.startsAt, input.now),
      ),
    );
  if ((active?.n ?? 0) >= VISIT_RULES.perFamilyPerNursery) {
    throw conflict('family-limit', {
      en: `A family may hold ${VISIT_RULES.perFamilyPerNursery} upcoming tours per nursery`,
      ja: `1つの園で予約できる見学は${VISIT_RULES.perFamilyPerNursery}件までです`,
    });
  }

  const [taken] = await tx
    .update(visitSlots)
    .set({ seatsTaken: sql`${visitSlots.seatsTaken} + ${party}` })
    .where(
      and(
        eq(visitSlots.id, slot.id),
        eq(visitSlots.status, 'open'),
        sql`${visitSlots.seatsTaken} + ${party} <= ${visitSlots.capacity}`,
      ),
    )
    .returning({ seatsTaken: visitSlots.seatsTaken, capacity: visitSlots.capacity });
  if (!taken) throw conflict('slot-full', { en: 'This tour is full', ja: 'この見学枠は満員です' });

  const [booking] = await tx
    .insert(visitBookings)
    .values({
      municipalityCode: scope.municipalityCode,
      slotId: slot.id,
      nurseryId: slot.nurseryId,
      familyRef: input.familyRef,
      partySize: party,
    })
    .returning({ id: visitBookings.id });
  await recordAudit(tx, {
    actor: input.actor,
    action: 'visit-booking.create',
    resource: { type: 'visit-booking', id: booking!.id },
    municipalityCode: scope.municipalityCode,
    purpose: 'parent books a nursery visit',
    outcome: 'success',
  });
  return {
    bookingId: booking!.id,
    seatsLeft: taken.capacity - taken.seatsTaken,
    nurseryId: slot.nurseryId,
    startsAt: slot.startsAt,
  };
}
