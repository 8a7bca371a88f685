import type { Actor } from '../../../platform/access/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { EventBus } from '../../../platform/events/domain-events.ts';
import { conflict } from '../../../platform/http/app-error.ts';
import type { TenantScope } from '../nurseries/nursery.repository.ts';
import '../visits/visit.events.ts';
import { bookVisitInTx } from './book-visit.ts';
import { cancelVisitBookingInTx } from './cancel-visit-booking.ts';

/**
 * Moves a booking to another tour in one transaction: the old seats are released and the new ones taken under the
 * same rules as a new booking; if the new tour is full (or past its cut-off) nothing changes.
 */
export async function rescheduleVisitBooking(
  db: Db,
  scope: TenantScope,
  input: { actor: Actor; familyRef: string; bookingId: string; newSlotId: string; now: Date; events?: EventBus },
): Promise<{ bookingId: string }> {
  try {
    return await db.transaction(async (tx) => {
      const previous = await cancelVisitBookingInTx(tx, scope, input);
      const booked = await bookVisitInTx(tx, scope, {
        ...input,
        slotId: input.newSlotId,
        partySize: previous.partySize,
      });
      await input.events?.publish(
        tx,
        'visit.rescheduled',
        {
          bookingId: booked.bookingId,
          householdId: input.familyRef,
          nurseryId: booked.nurseryId,
          startsAt: booked.startsAt.toISOString(),
          previousBookingId: input.bookingId,
          previousStartsAt: previous.startsAt.toISOString(),
        },
        { municipalityCode: scope.municipalityCode },
      );
      return { bookingId: booked.bookingId };
    });
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === '23505') {
      throw conflict('already-booked', { en: 'You already booked that tour', ja: 'その見学はすでに予約済みです' });
    }
    throw error;
  }
}
